import type { ApplyService } from '../../apply/apply-service';
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

/**
 * What a page needs to offer recover or dismiss, and to show how the last one went: from the journal, nothing read on
 * the host.
 */
function recoveryOf(service: ApplyService) {
  const interrupted = service.interrupted();
  return {
    interrupted: interrupted?.id ?? null,
    interruptedApply: interrupted
      ? {
          id: interrupted.id,
          at: interrupted.at,
          who: interrupted.who,
          summary: interrupted.summary,
          steps: interrupted.steps,
          completed: interrupted.completed,
        }
      : null,
    lastRecovery: service.lastRecovery() ?? null,
  };
}

export const stateRouter = t.router({
  read: t.procedure.query(async ({ ctx }) => {
    const read = await ctx.service.read();
    return { ...read, awaitingConfirmation: ctx.service.awaitingConfirmation() ?? null, ...recoveryOf(ctx.service) };
  }),
  /** The recovery part of `read` alone, for the journal page, which draws no host. */
  recovery: t.procedure.query(({ ctx }) => recoveryOf(ctx.service)),
});
