import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { semanticView } from '../../core/topology/semantic-view';
import { readHost } from '../discovery/read-host';
import { FreebsdEmulator } from '../emulator/emulator';
import { ApplyRefused, ApplyService } from './apply-service';
import { bareHost } from '../testing/bare-host';

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'patchbay-apply-'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ApplyService', () => {
  it('applies the blog network, journals it, and keeps it once confirmed', async () => {
    const host = bareHost();
    const service = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 60_000 });
    const planned = await service.plan({ desired: blogNetwork() });
    expect(planned.refusals).toEqual([]);
    const events: string[] = [];
    const result = await service.apply(planned.id, 'alice', (e) => events.push(e.type));
    expect(result.ok).toBe(true);
    expect(events.filter((t) => t === 'step-done')).toHaveLength(planned.steps.length);
    expect(service.awaitingConfirmation()?.id).toBe(planned.id);
    service.confirm(planned.id, 'alice');
    expect(service.awaitingConfirmation()).toBeUndefined();
    const [record] = service.journal.records();
    expect(record).toMatchObject({ who: 'alice', outcome: 'confirmed', completed: planned.steps.length });
    expect(statSync(service.journal.path).mode & 0o777).toBe(0o600);
    expect([...service.ownedJails()].sort()).toEqual(['snort-jail', 'tor-relay', 'www-jail']);
    const again = await service.plan({ desired: blogNetwork() });
    expect(again.steps).toEqual([]);
    service.dispose();
  });

  it('reverts by itself when nobody confirms in time', async () => {
    vi.useFakeTimers();
    const host = bareHost();
    const before = semanticView((await readHost(host)).topology);
    const service = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 5_000 });
    const planned = await service.plan({ desired: blogNetwork() });
    await service.apply(planned.id, 'bob');
    expect(service.awaitingConfirmation()).toBeDefined();
    await vi.advanceTimersByTimeAsync(5_001);
    expect(service.awaitingConfirmation()).toBeUndefined();
    expect(semanticView((await readHost(host)).topology)).toEqual(before);
    expect(service.journal.records()[0]!.outcome).toBe('reverted');
    expect(service.ownedJails().size).toBe(0);
    // What was undone, newest first, for the page to list under "Reverted at …, not confirmed".
    const last = service.lastRecovery()!;
    expect(last).toMatchObject({ id: planned.id, type: 'reverted' });
    expect(last.undone).toEqual(planned.steps.map((s) => s.summary).reverse());
  });

  it('waits for a confirmation as long as the apply asked, never longer than the agent allows', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    const host = bareHost();
    const service = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 300_000 });
    const planned = await service.plan({ desired: blogNetwork() });
    await service.apply(planned.id, 'carol', undefined, 12);
    const deadline = Date.parse(service.awaitingConfirmation()!.deadline);
    expect(deadline - now).toBeGreaterThanOrEqual(12_000);
    expect(deadline - now).toBeLessThan(13_000);
    await vi.advanceTimersByTimeAsync(12_001);
    expect(service.journal.records()[0]!.outcome).toBe('reverted');

    const again = await service.plan({ desired: blogNetwork() });
    const asked = Date.now();
    await service.apply(again.id, 'carol', undefined, 3600);
    expect(Date.parse(service.awaitingConfirmation()!.deadline) - asked).toBeLessThanOrEqual(300_000);
    service.dispose();
  });

  it('reports the failing step with FreeBSD stderr and reverts what it did', async () => {
    const host = bareHost();
    const before = semanticView((await readHost(host)).topology);
    const service = new ApplyService({ executor: host, stateDir });
    const planned = await service.plan({ desired: blogNetwork() });
    host.injectFault({
      match: ['jail', '-c', 'name=www-jail'],
      output: { code: 1, stdout: '', stderr: 'jail: www-jail: jail_set: Operation not permitted\n' },
    });
    const result = await service.apply(planned.id, 'carol');
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({
      summary: "Create vnet jail www-jail, with the new epair's b end (e0b_www_jail inside)",
      stderr: 'jail: www-jail: jail_set: Operation not permitted',
    });
    expect(result.reverted.length).toBe(result.failure!.index);
    expect(result.reverted.every((r) => r.ok)).toBe(true);
    expect(semanticView((await readHost(host)).topology)).toEqual(before);
    expect(service.journal.records()[0]).toMatchObject({
      outcome: 'failed',
      failure: { stderr: 'jail: www-jail: jail_set: Operation not permitted' },
    });
  });

  it('refuses a plan whose host changed since, a second apply, and plans with refusals', async () => {
    const host = bareHost();
    const service = new ApplyService({ executor: host, stateDir });
    const stale = await service.plan({ desired: blogNetwork() });
    host.runSync({ argv: ['ifconfig', 'bridge7', 'create'] });
    await expect(service.apply(stale.id, 'dave')).rejects.toThrow(/changed since this plan/);
    const fresh = await service.plan({ desired: blogNetwork() });
    const first = service.apply(fresh.id, 'dave');
    await expect(service.apply(fresh.id, 'erin')).rejects.toBeInstanceOf(ApplyRefused);
    await first;
    const desired = blogNetwork();
    desired.stacks[0]!.interfaces.find((i) => i.name === 'ixl0')!.addresses = ['192.168.1.99/24'];
    service.confirm(fresh.id, 'dave');
    const refused = await service.plan({ desired });
    await expect(service.apply(refused.id, 'dave')).rejects.toThrow(/refusal/);
    service.dispose();
  });

  it('finds an apply interrupted by a crash and recovers it', async () => {
    const host = bareHost();
    const before = semanticView((await readHost(host)).topology);
    const first = new ApplyService({ executor: host, stateDir });
    const planned = await first.plan({ desired: blogNetwork() });
    // The agent dies running step 5 (the same plan's fifth command): the journal has the start and
    // four steps, and no end.
    const killedAt = planned.steps[4]!.command.argv.join(' ');
    const dying = {
      kind: 'emulator' as const,
      run: async (request: Parameters<FreebsdEmulator['run']>[0]) => {
        if (request.argv.join(' ') !== killedAt) return host.run(request);
        throw new Error('agent killed');
      },
    };
    const crashing = new ApplyService({ executor: dying, stateDir });
    // Reuse the stored plan through a fresh plan on the same host state.
    const replanned = await crashing.plan({ desired: blogNetwork() });
    await expect(crashing.apply(replanned.id, 'frank')).rejects.toThrow('agent killed');
    const restarted = new ApplyService({ executor: host, stateDir });
    const interrupted = restarted.interrupted();
    expect(interrupted).toMatchObject({ id: replanned.id, outcome: 'interrupted' });
    expect(interrupted!.completed).toBe(4);
    const report = await restarted.recoverInterrupted('frank');
    expect(report).toMatchObject({ ok: true, failures: [], matchesPreApplyState: true });
    expect(semanticView((await readHost(host)).topology)).toEqual(before);
    expect(restarted.interrupted()).toBeUndefined();
    expect(readFileSync(restarted.journal.path, 'utf8')).toContain('"type":"recovered"');
  });
});

describe('ApplyService across a restart', () => {
  it('reverts an apply whose confirmation time ran out while the agent was down', async () => {
    const host = bareHost();
    const before = semanticView((await readHost(host)).topology);
    let clock = Date.parse('2026-11-28T12:00:00Z');
    const now = () => new Date(clock);
    const first = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 60_000, now });
    const planned = await first.plan({ desired: blogNetwork() });
    await first.apply(planned.id, 'gina');
    first.dispose(); // the agent dies with the timer
    clock += 120_000;
    const restarted = new ApplyService({ executor: host, stateDir, now });
    await restarted.resumePendingConfirmation();
    expect(semanticView((await readHost(host)).topology)).toEqual(before);
    expect(restarted.journal.records()[0]!.outcome).toBe('reverted');
  });

  it('keeps waiting for the confirmation when time is left', async () => {
    const host = bareHost();
    let clock = Date.parse('2026-11-28T12:00:00Z');
    const now = () => new Date(clock);
    const first = new ApplyService({ executor: host, stateDir, confirmTimeoutMs: 60_000, now });
    const planned = await first.plan({ desired: blogNetwork() });
    await first.apply(planned.id, 'hal');
    first.dispose();
    clock += 10_000;
    const restarted = new ApplyService({ executor: host, stateDir, now });
    await restarted.resumePendingConfirmation();
    expect(restarted.awaitingConfirmation()).toEqual({ id: planned.id, deadline: '2026-11-28T12:01:00.000Z' });
    restarted.confirm(planned.id, 'hal');
    expect(restarted.journal.records()[0]!.outcome).toBe('confirmed');
    await expect(restarted.recoverInterrupted('hal')).rejects.toThrow(/No interrupted apply/);
  });
});
