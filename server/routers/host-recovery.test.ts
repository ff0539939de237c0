import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { createAgentServer } from '../../agent/server/http-server';
import { blogWithJail } from '../../core/testing/blog-with-jail';
import { openDatabase } from '../storage/database';
import { DesignStore } from '../storage/designs';
import { HostStore } from '../storage/hosts';
import { createCaller } from './app';

// hosts.recover and hosts.dismiss through createCaller, against a real agent on loopback whose last
// apply was interrupted (issue 14, finding 7): what the host page's Recover and Dismiss buttons call.

const TOKEN = 'host-recovery-token-0123456789';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The demo agent, with an apply journalled as started and never ended (the agent died at once). */
async function agentWithInterruptedApply() {
  const executor = createDemoHost();
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-host-recovery-'));
  const service = new ApplyService({ executor, stateDir });
  const planned = await service.plan({ desired: blogWithJail('lab1') });
  service.journal.append({
    type: 'start',
    id: planned.id,
    at: new Date().toISOString(),
    who: 'alice',
    plan: { steps: planned.steps, actualHash: planned.actualHash },
    summary: `${planned.steps.length} step(s)`,
    before: planned.actual,
  });
  const server: Server = createAgentServer({
    token: TOKEN,
    service,
    counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
    driver: 'emulator',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    service.dispose();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const db = openDatabase(':memory:');
  const designs = new DesignStore(db);
  const hosts = new HostStore(db, {});
  const caller = createCaller({ designs: () => designs, hosts: () => hosts });
  const host = await caller.hosts.add({
    name: 'demo',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: TOKEN,
  });
  return { caller, hostId: host.id, applyId: planned.id, executor };
}

describe('hosts router: an interrupted apply', () => {
  it('dismiss needs a reason, and the host state then shows who dismissed it and why', async () => {
    const { caller, hostId, applyId } = await agentWithInterruptedApply();
    expect(await caller.hosts.state({ id: hostId })).toMatchObject({
      interrupted: applyId,
      interruptedApply: { id: applyId, completed: 0 },
      lastRecovery: null,
    });
    await expect(caller.hosts.dismiss({ id: hostId, reason: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await caller.hosts.dismiss({ id: hostId, reason: 'the lab is fine as it is' })).toEqual({ id: applyId });
    expect(await caller.hosts.state({ id: hostId })).toMatchObject({
      interrupted: null,
      interruptedApply: null,
      lastRecovery: {
        id: applyId,
        type: 'dismissed',
        detail: 'the lab is fine as it is',
        who: expect.stringMatching(/^dashboard/),
      },
    });
    expect((await caller.hosts.journal({ id: hostId })).applies[0]).toMatchObject({
      id: applyId,
      outcome: 'dismissed',
    });
  });

  it('hosts.recovery says the same as hosts.state about it, from the journal alone: no command runs on the host', async () => {
    const { caller, hostId, applyId, executor } = await agentWithInterruptedApply();
    executor.calls.splice(0);
    const before = await caller.hosts.recovery({ id: hostId });
    expect(executor.calls).toEqual([]);
    expect(before).toMatchObject({
      interrupted: applyId,
      interruptedApply: { id: applyId, who: 'alice', completed: 0 },
      lastRecovery: null,
    });
    await caller.hosts.dismiss({ id: hostId, reason: 'kept' });
    const { interrupted, interruptedApply, lastRecovery } = await caller.hosts.state({ id: hostId });
    expect(await caller.hosts.recovery({ id: hostId })).toEqual({ interrupted, interruptedApply, lastRecovery });
    expect(lastRecovery).toMatchObject({ id: applyId, type: 'dismissed', detail: 'kept' });
  });

  it('recover answers with what was undone and whether the host is back', async () => {
    const { caller, hostId, applyId } = await agentWithInterruptedApply();
    const report = await caller.hosts.recover({ id: hostId });
    expect(report).toMatchObject({ ok: true, failures: [], matchesPreApplyState: true, undone: 0 });
    expect((await caller.hosts.state({ id: hostId })).lastRecovery).toMatchObject({
      id: applyId,
      type: 'recovered',
      matchesPreApplyState: true,
    });
  });
});
