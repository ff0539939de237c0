import { initTRPC } from '@trpc/server';

/** Per-request context. Empty for now; hosts, storage and the session join it as they arrive. */
export type Context = Record<string, never>;

export function createContext(): Context {
  return {};
}

const t = initTRPC.context<Context>().create();

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
