import { AGENT_VERSION } from '../version';
import { hostIdentity } from '../host-identity';
import { t } from '../trpc';

// What the host is and what is on it now.

export const hostRouter = t.router({
  info: t.procedure.query(async ({ ctx }) => {
    const { hostname, osrelease } = await hostIdentity(ctx.service);
    return { hostname, freebsdVersion: osrelease, driver: ctx.driver, agentVersion: AGENT_VERSION };
  }),
});

export const stateRouter = t.router({
  read: t.procedure.query(async ({ ctx }) => {
    const read = await ctx.service.read();
    const interrupted = ctx.service.interrupted();
    return {
      ...read,
      awaitingConfirmation: ctx.service.awaitingConfirmation() ?? null,
      interrupted: interrupted?.id ?? null,
      // What the page needs to offer recover or dismiss, and to show how the last one went.
      interruptedApply: interrupted ? { id: interrupted.id, at: interrupted.at, who: interrupted.who, summary: interrupted.summary, steps: interrupted.steps, completed: interrupted.completed } : null,
      lastRecovery: ctx.service.lastRecovery() ?? null,
    };
  }),
});
