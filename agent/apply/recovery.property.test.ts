import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { validTopology } from '../../core/testing/arbitrary-topology';
import type { Topology } from '../../core/topology/schema';
import type { FreebsdEmulator } from '../emulator/emulator';
import { provision } from '../testing/provision';
import { ApplyService } from './apply-service';
import { freshHost, hostWith, nicKeys } from './emulated-pairs';
import { readHashed } from './host-state';
import { dyingExecutor } from '../testing/bare-host';

// Crash recovery on the emulator, for random (actual, desired) pairs: the agent applies a plan and
// dies after a random step k; a new ApplyService on the same state directory recovers. On the same
// host, recovery must bring back exactly the state before the apply (its hash); on a host that was
// reset meanwhile (a fresh emulator, as an emulated agent's restart gives), it must never claim a
// success the host does not show.

const RUNS = Number(process.env.RECOVERY_RUNS ?? 60);

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // Recovery logs its failures to stderr on purpose; the reset-host runs have many.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

type Crash = 'after-step' | 'mid-step';

/**
 * Plans `desired` on a host built to `actual`, then applies through a service that dies: after
 * step k is journalled ('after-step'), or after step k's command ran and before its journal entry
 * ('mid-step'). Returns the hash before the apply, the state directory and what step k was.
 */
async function crashDuringApply(
  host: FreebsdEmulator,
  actual: Topology,
  desired: Topology,
  pick: number,
  crash: Crash,
) {
  const before = await readHashed(host);
  const jails = before.topology.stacks.flatMap((s) => (s.kind === 'jail' ? [s.id.replace(/^jail:/, '')] : []));
  const stateDir = mkdtempSync(join(tmpdir(), 'patchbay-recovery-'));
  const dying = dyingExecutor(host);
  const doomed = new ApplyService({ executor: dying.executor, stateDir });
  const planned = await doomed.plan({
    desired,
    adopt: [...nicKeys([actual, desired]), ...jails],
    allowUplinkChanges: true,
  });
  if (planned.refusals.length > 0 || planned.steps.length === 0) return undefined;
  const k = pick % planned.steps.length;
  const dies = (event: { type: string; index?: number }) => {
    if (crash === 'after-step' && event.type === 'step-done' && event.index === k) throw new Error('agent killed');
    if (crash === 'mid-step' && event.type === 'step' && event.index === k) dying.kill();
  };
  await expect(doomed.apply(planned.id, 'tester', dies)).rejects.toThrow('agent killed');
  return { beforeHash: before.hash, stateDir, step: planned.steps[k]!, k };
}

describe('recovery after a crash (properties)', { timeout: 600_000 }, () => {
  it('on the same host, brings back exactly the state before the apply and says so', async () => {
    await fc.assert(
      fc.asyncProperty(
        validTopology,
        validTopology,
        fc.nat(),
        fc.constantFrom<Crash>('after-step', 'mid-step'),
        async (actual, desired, pick, crash) => {
          const host = await hostWith(actual, desired);
          const crashed = await crashDuringApply(host, actual, desired, pick, crash);
          fc.pre(crashed !== undefined);
          const restarted = new ApplyService({ executor: host, stateDir: crashed!.stateDir });
          expect(restarted.interrupted()).toBeDefined();
          const report = await restarted.recoverInterrupted('tester');
          const after = await readHashed(host);
          // Honest in every case: ok only when the host is back and nothing failed.
          expect(report.matchesPreApplyState).toBe(after.hash === crashed!.beforeHash);
          // A step that captures a kernel name and died before journalling it leaves an interface
          // whose name nobody recorded; recovery must say the host differs, not pretend.
          const lostName = crash === 'mid-step' && crashed!.step.command.captures !== undefined;
          if (!lostName) {
            expect(report.failures).toEqual([]);
            expect(report.ok).toBe(true);
            expect(after.hash).toBe(crashed!.beforeHash);
          }
          expect(restarted.interrupted()).toBeUndefined();
          expect(restarted.journal.records()[0]).toMatchObject({
            outcome: 'recovered',
            closing: { matchesPreApplyState: report.matchesPreApplyState, detail: report.detail },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('on a host that was reset meanwhile, never claims a success the host does not show', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, validTopology, fc.nat(), fc.boolean(), async (actual, desired, pick, rebuilt) => {
        const host = await hostWith(actual, desired);
        const crashed = await crashDuringApply(host, actual, desired, pick, 'after-step');
        fc.pre(crashed !== undefined);
        // The emulated agent restarts with a fresh host: bare, or rebuilt to the state before the apply.
        const reset = freshHost(actual, desired);
        if (rebuilt) await provision(reset, actual);
        const resetHash = (await readHashed(reset)).hash;
        const restarted = new ApplyService({ executor: reset, stateDir: crashed!.stateDir });
        const report = await restarted.recoverInterrupted('tester');
        const after = await readHashed(reset);
        expect(report.matchesPreApplyState).toBe(after.hash === crashed!.beforeHash);
        expect(report.ok).toBe(report.failures.length === 0 && after.hash === crashed!.beforeHash);
        if (!report.ok) expect(report.detail).toMatch(/failed|not undone|does not match/);
        // Rebuilt to the state before the apply, there is nothing of the apply to undo.
        if (rebuilt) {
          expect(resetHash).toBe(crashed!.beforeHash);
          expect(report).toMatchObject({ ok: true, undone: 0, failures: [] });
          expect(after.hash).toBe(resetHash);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
