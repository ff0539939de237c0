import { AGENT_VERSION } from '../version';
import { t } from '../trpc';

// What the host is and what is on it now.

export const hostRouter = t.router({
  info: t.procedure.query(async ({ ctx }) => {
    const read = await ctx.service.read();
    const host = read.topology.stacks.find((s) => s.kind === 'host');
    return { hostname: host?.kind === 'host' ? host.hostname : 'unknown', freebsdVersion: read.osrelease, driver: ctx.driver, agentVersion: AGENT_VERSION };
  }),
});

export const stateRouter = t.router({
  read: t.procedure.query(async ({ ctx }) => {
    const read = await ctx.service.read();
    return { ...read, awaitingConfirmation: ctx.service.awaitingConfirmation() ?? null, interrupted: ctx.service.interrupted()?.id ?? null };
  }),
});
