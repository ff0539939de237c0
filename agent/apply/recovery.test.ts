import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { semanticView } from '../../core/topology/semantic-view';
import { readHost } from '../discovery/read-host';
import { FreebsdEmulator } from '../emulator/emulator';
import type { Executor } from '../executor/types';
import { ApplyService } from './apply-service';
import type { ApplyEvent } from './apply-plan';
import { bareHost, dyingExecutor } from '../testing/bare-host';

// Issue 14, findings 7a-c: after a crash an apply is blocked until the interrupted one is recovered
// or dismissed; recovery reads the host before undoing and reports honestly; a revert at start-up
// reads the host first too and writes its failures to stderr.

let stateDir: string;
let stderr: MockInstance<typeof console.error>;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'patchbay-recovery-'));
  stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => stderr.mockRestore());

/** Applies the blog network and "kills the agent" once step `steps` - 1 is journalled. */
async function crashAfter(executor: Executor, steps: number) {
  const service = new ApplyService({ executor, stateDir });
  const planned = await service.plan({ desired: blogNetwork() });
  const dies = (event: ApplyEvent) => {
    if (event.type === 'step-done' && event.index === steps - 1) throw new Error('agent killed');
  };
  await expect(service.apply(planned.id, 'frank', dies)).rejects.toThrow('agent killed');
  return planned;
}

const stderrText = () => stderr.mock.calls.map((call) => call.join(' ')).join('\n');

describe('an interrupted apply', () => {
  it('blocks new applies, saying what to do, until it is dismissed with a reason', async () => {
    const host = bareHost();
    const crashed = await crashAfter(host, 1);
    const restarted = new ApplyService({ executor: host, stateDir });
    const next = await restarted.plan({ desired: blogNetwork() });
    await expect(restarted.apply(next.id, 'gina')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/interrupted after 1 of \d+ step.*[Rr]ecover it.*dismiss it/),
    });
    expect(restarted.journal.records()[0]).toMatchObject({ id: crashed.id, outcome: 'interrupted' });

    expect(() => restarted.dismissInterrupted('gina', '   ')).toThrow(/Say why/);
    expect(restarted.dismissInterrupted('gina', 'bridge0 is fine as it is')).toEqual({ id: crashed.id });
    expect(restarted.journal.entries().at(-1)).toMatchObject({
      type: 'dismissed',
      id: crashed.id,
      who: 'gina',
      detail: 'bridge0 is fine as it is',
      at: expect.any(String),
    });
    expect(restarted.interrupted()).toBeUndefined();
    expect(restarted.lastRecovery()).toMatchObject({
      id: crashed.id,
      type: 'dismissed',
      who: 'gina',
      detail: 'bridge0 is fine as it is',
    });
    expect(() => restarted.dismissInterrupted('gina', 'again')).toThrow(/No interrupted apply/);

    const planned = await restarted.plan({ desired: blogNetwork() });
    expect((await restarted.apply(planned.id, 'gina')).ok).toBe(true);
    restarted.dispose();
  });

  it('on a host that restarted fresh, runs no inverse of what is not there and says the host does not match', async () => {
    const host = bareHost();
    await crashAfter(host, 20);
    // The emulated agent restarted with a fresh host, without the admin's route or description.
    const fresh = new FreebsdEmulator({
      hostname: 'gateway.example.org',
      nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
    });
    const restarted = new ApplyService({ executor: fresh, stateDir });
    const report = await restarted.recoverInterrupted('frank');
    // 20 journalled steps, and the 21st, which may have run as the agent died.
    expect(report).toMatchObject({
      ok: false,
      matchesPreApplyState: false,
      considered: 21,
      undone: 0,
      notOnHost: 21,
      failures: [],
    });
    expect(fresh.calls.filter((c) => c.code !== 0 && c.argv[0] !== 'ifconfig' && c.argv[0] !== 'jls')).toEqual([]);
    const closing = restarted.journal.records()[0]!.closing!;
    expect(closing).toMatchObject({ type: 'recovered', matchesPreApplyState: false });
    expect(closing.detail).toMatch(
      /^0 of 21 step\(s\) undone, 21 already not on the host; the host does not match the state before the apply \(host differs \(defaultGateway\), host\/ixl0 differs \(description\)\)$/,
    );
    expect(stderrText()).toContain(closing.detail);
    expect(restarted.interrupted()).toBeUndefined();
  });

  it('leaves alone an object under its name when none of its later changes are on the host', async () => {
    const host = bareHost();
    await crashAfter(host, 22);
    // A host restarted from its own configuration: the admin's bridge0, not Patchbay's.
    const rebooted = bareHost();
    rebooted.runSync({ argv: ['ifconfig', 'bridge0', 'create', 'description', 'patchbay: jails'] });
    const restarted = new ApplyService({ executor: rebooted, stateDir });
    const report = await restarted.recoverInterrupted('frank');
    expect(report.failures).toEqual([
      {
        index: 0,
        summary: expect.stringContaining('Create host/bridge0'),
        reason: expect.stringMatching(/^left alone: .*may not be the one this apply made/),
      },
    ]);
    expect(rebooted.calls.some((c) => c.argv.join(' ') === 'ifconfig bridge0 destroy')).toBe(false);
    expect(report.ok).toBe(false);
    expect(report.detail).toMatch(/1 step\(s\) not undone: step 1 \(Create host\/bridge0.*\): left alone/);
  });

  it('undoes the step whose command ran when the agent died before journalling it', async () => {
    const host = bareHost();
    const before = semanticView((await readHost(host)).topology);
    const dying = dyingExecutor(host);
    const service = new ApplyService({ executor: dying.executor, stateDir });
    const planned = await service.plan({ desired: blogNetwork() });
    // Step 9 creates www-jail; the agent dies after jail(8) ran, before the journal heard of it.
    await expect(
      service.apply(planned.id, 'hal', (e) => {
        if (e.type === 'step' && e.index === 9) dying.kill();
      }),
    ).rejects.toThrow('agent killed');
    expect(service.journal.records()[0]!.completed).toBe(9);
    const report = await new ApplyService({ executor: host, stateDir }).recoverInterrupted('hal');
    expect(report).toMatchObject({ ok: true, failures: [], matchesPreApplyState: true, undone: 10, considered: 10 });
    expect(semanticView((await readHost(host)).topology)).toEqual(before);
  });
});

describe('a revert at start-up', () => {
  async function appliedThenDown(host: FreebsdEmulator) {
    let clock = Date.parse('2026-11-28T12:00:00Z');
    const now = () => new Date(clock);
    const first = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 60_000, now });
    const planned = await first.plan({ desired: blogNetwork() });
    await first.apply(planned.id, 'ivy');
    first.dispose(); // the agent dies with the timer
    clock += 120_000;
    return { planned, now };
  }

  it('writes each failed inverse to stderr and reports them for state.read', async () => {
    const host = bareHost();
    const { planned, now } = await appliedThenDown(host);
    host.injectFault({
      match: ['jail', '-R', 'www-jail'],
      output: { code: 1, stdout: '', stderr: 'jail: www-jail: Device busy\n' },
    });
    const restarted = new ApplyService({ executor: host, stateDir, now });
    const report = await restarted.resumePendingConfirmation();
    expect(report?.failures).toEqual([
      {
        index: 9,
        summary: expect.stringContaining('Create vnet jail www-jail'),
        reason: 'its inverse failed: jail: www-jail: Device busy',
      },
    ]);
    expect(report?.matchesPreApplyState).toBe(false);
    expect(stderrText()).toMatch(
      /revert of apply .*: step 10 \(Create vnet jail www-jail.*\): its inverse failed: jail: www-jail: Device busy/,
    );
    expect(restarted.lastRecovery()).toMatchObject({
      id: planned.id,
      type: 'reverted',
      matchesPreApplyState: false,
      failures: report!.failures,
      detail: expect.stringMatching(/^1 of \d+ inverse\(s\) failed: step 10/),
    });
  });

  it('on a host that restarted as it was before the apply, undoes nothing and says it matches', async () => {
    const { now } = await appliedThenDown(bareHost());
    const fresh = bareHost();
    const restarted = new ApplyService({ executor: fresh, stateDir, now });
    const report = await restarted.resumePendingConfirmation();
    expect(report).toMatchObject({ ok: true, undone: 0, failures: [], matchesPreApplyState: true });
    expect(restarted.journal.records()[0]).toMatchObject({
      outcome: 'reverted',
      closing: { failures: [], matchesPreApplyState: true },
    });
    expect(stderr).not.toHaveBeenCalled();
  });
});
