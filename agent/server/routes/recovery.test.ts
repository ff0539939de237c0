import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blogNetwork } from '../../../core/demo/blog-network';
import { ApplyService } from '../../apply/apply-service';
import { ApplyProgressLogs } from '../apply-progress-log';
import { agentRouter } from '../router';
import { bareHost } from '../../testing/bare-host';

// journal.recover, journal.dismiss and what state.read says about an interrupted apply and about
// the last recovery (issue 14, finding 7), through the agent's router.

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'patchbay-routes-'));
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** An agent whose last apply died after `steps` journalled steps, restarted on the same host. */
async function agentAfterCrash(steps: number) {
  const host = bareHost();
  const first = new ApplyService({ executor: host, stateDir });
  const planned = await first.plan({ desired: blogNetwork() });
  const dies = (e: { type: string; index?: number }) => {
    if (e.type === 'step-done' && e.index === steps - 1) throw new Error('agent killed');
  };
  await expect(first.apply(planned.id, 'alice', dies)).rejects.toThrow('agent killed');
  const service = new ApplyService({ executor: host, stateDir });
  const caller = agentRouter.createCaller({
    service,
    counters: { intervalMs: 1000, subscribe: () => () => {} },
    progress: new ApplyProgressLogs(),
    driver: 'emulator',
    who: 'bob',
  });
  return { caller, planned, service };
}

describe('recovery over the agent API', () => {
  it('state.read names the interrupted apply; journal.dismiss needs a reason, journals it, and state.read then shows it', async () => {
    const { caller, planned } = await agentAfterCrash(3);
    const before = await caller.state.read();
    expect(before.interrupted).toBe(planned.id);
    expect(before.interruptedApply).toMatchObject({
      id: planned.id,
      who: 'alice',
      completed: 3,
      steps: planned.steps.length,
    });
    expect(before.lastRecovery).toBeNull();

    await expect(caller.journal.dismiss({ reason: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.journal.dismiss({ reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await caller.journal.dismiss({ reason: 'keeping bridge0, re-planning from here' })).toEqual({
      id: planned.id,
    });
    await expect(caller.journal.dismiss({ reason: 'again' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const after = await caller.state.read();
    expect(after).toMatchObject({
      interrupted: null,
      interruptedApply: null,
      lastRecovery: { id: planned.id, type: 'dismissed', who: 'bob', detail: 'keeping bridge0, re-planning from here' },
    });
    const [listed] = await caller.journal.list();
    expect(listed).toMatchObject({ id: planned.id, outcome: 'dismissed', closing: { type: 'dismissed' } });
    expect(listed).not.toHaveProperty('before');
  });

  it('journal.recover answers with the report, and state.read shows it until the next one', async () => {
    const { caller, planned } = await agentAfterCrash(6);
    const report = await caller.journal.recover();
    expect(report).toMatchObject({ ok: true, failures: [], matchesPreApplyState: true, undone: 6, considered: 7 });
    expect(report.detail).toMatch(/the host matches the state before the apply$/);
    expect((await caller.state.read()).lastRecovery).toMatchObject({
      id: planned.id,
      type: 'recovered',
      matchesPreApplyState: true,
      failures: [],
      detail: report.detail,
    });
    await expect(caller.journal.recover()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
