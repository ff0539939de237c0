// The agent's tRPC server (trpc.ts) takes these from here; they are shared with the dashboard's.
export { SAFE_TRPC_OPTIONS, safeErrorShape } from '../../core/wire/safe-errors';
