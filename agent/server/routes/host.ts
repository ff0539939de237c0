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
    return { ...read, awaitingConfirmation: ctx.service.awaitingConfirmation() ?? null, interrupted: ctx.service.interrupted()?.id ?? null };
  }),
});
