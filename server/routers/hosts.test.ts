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

// The hosts router through createCaller, against a real agent on loopback holding the demo host.

const TOKEN = 'hosts-router-token-0123456789';
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function agent() {
  const executor = createDemoHost();
  const service = new ApplyService({ executor, stateDir: mkdtempSync(join(tmpdir(), 'pb-hosts-router-')) });
  const server: Server = createAgentServer({ token: TOKEN, service, counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }), driver: 'emulator' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    service.dispose();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, executor };
}

function callerWith() {
  const db = openDatabase(':memory:');
  const designs = new DesignStore(db);
  const hosts = new HostStore(db, {});
  return { caller: createCaller({ designs: () => designs, hosts: () => hosts }), designs };
}

describe('hosts router', () => {
  it('lists hosts with their status and never hands out a token', async () => {
    const { url } = await agent();
    const { caller } = callerWith();
    await caller.hosts.add({ name: 'demo', url: `${url}/`, token: TOKEN });
    await caller.hosts.add({ name: 'gone', url: 'http://127.0.0.1:9', token: 'another-token-123456' });
    const list = await caller.hosts.list();
    expect(list.map((h) => [h.name, h.online])).toEqual([
      ['demo', true],
      ['gone', false],
    ]);
    expect(list[0]).toMatchObject({ url, lastInfo: { hostname: 'gateway.example.org', driver: 'emulator' } });
    expect(list[0]!.lastSeen).not.toBeNull();
    expect(list[1]!.problem).toMatch(/did not answer/);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    expect(JSON.stringify(list)).not.toContain('another-token-123456');
  });

  it('refuses a bad host naming the field and the rule, and stores nothing', async () => {
    const { caller } = callerWith();
    await expect(caller.hosts.add({ name: 'x', url: 'ftp://host', token: 'short' })).rejects.toThrow(/http:\/\/ or https:\/\/[\s\S]*at least 16 characters/);
    expect(await caller.hosts.list()).toEqual([]);
  });

  it('plans a saved design against the host, applies it step by step, and confirms', async () => {
    const { url, executor } = await agent();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const design = designs.create('lab', blogWithJail('lab1'));
    const plan = await caller.hosts.plan({ id: host.id, designId: design.id });
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.some((s) => s.summary.includes('lab1'))).toBe(true);

    const events: { type: string }[] = [];
    // Server-side callers see tracked events as [id, data] envelopes; browsers get { id, data }.
    for await (const event of await caller.hosts.execute({ id: host.id, planId: plan.id })) events.push((Array.isArray(event) ? event[1] : event) as { type: string });
    const result = events.at(-1) as unknown as { type: 'result'; result: { ok: boolean } };
    expect(result).toMatchObject({ type: 'result', result: { ok: true } });
    expect(events.filter((e) => e.type === 'step-done')).toHaveLength(plan.steps.length);

    const state = await caller.hosts.state({ id: host.id });
    expect(state.awaitingConfirmation?.id).toBe(plan.id);
    await caller.hosts.confirm({ id: host.id, applyId: plan.id });
    expect((await caller.hosts.state({ id: host.id })).topology.stacks.map((s) => (s.kind === 'jail' ? s.name : 'host'))).toContain('lab1');
    expect((await caller.hosts.journal({ id: host.id })).applies[0]).toMatchObject({ id: plan.id, outcome: 'confirmed', who: 'dashboard' });
    expect(executor.state.jails.size).toBeGreaterThan(0);
  });

  it('says which host is unknown', async () => {
    const { caller } = callerWith();
    await expect(caller.hosts.state({ id: 'nope' })).rejects.toThrow(/There is no host nope/);
  });
});
