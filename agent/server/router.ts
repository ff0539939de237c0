import type { ApplyEvent, ApplyResult } from '../apply/apply-plan';
import { journalRouter, planRouter } from './routes/apply';
import { countersRouter } from './routes/counters';
import { hostRouter, stateRouter } from './routes/host';
import { persistRouter } from './routes/persist';
import { t } from './trpc';

// The agent's tRPC API. Every input goes through zod before anything runs; authentication happens
// earlier, in the HTTP layer, so an unauthenticated request never reaches a procedure.

export const agentRouter = t.router({
  host: hostRouter,
  state: stateRouter,
  plan: planRouter,
  journal: journalRouter,
  persist: persistRouter,
  counters: countersRouter,
});

export type AgentRouter = typeof agentRouter;
export type { ApplyEvent, ApplyResult };
export type { AgentContext, CounterSample, CounterSource } from './trpc';
export { AGENT_VERSION } from './version';
