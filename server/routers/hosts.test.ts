import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { createDemoFiles } from '../../agent/persist/memory-files';
import { PersistService } from '../../agent/persist/persist-service';
import { createAgentServer, tokenFingerprint } from '../../agent/server/http-server';
import { blogNetwork } from '../../core/demo/blog-network';
import { BEGIN_MARK } from '../../core/render/persist-rules';
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
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-hosts-router-'));
  const service = new ApplyService({ executor, stateDir });
  const files = createDemoFiles();
  const persist = new PersistService({ files, stateDir });
  const server: Server = createAgentServer({
    token: TOKEN,
    service,
    counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
    persist,
    driver: 'emulator',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    service.dispose();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, executor, files, persist };
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

  it("checks reachability with one sysctl on the host, then from the agent's memory; only hosts.state reads the whole host", async () => {
    const { url, executor } = await agent();
    const { caller } = callerWith();
    await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const commands = () => executor.calls.splice(0).map((call) => call.argv.join(' '));
    commands();
    await caller.hosts.list();
    expect(commands()).toEqual(['sysctl -n kern.osrelease kern.hostname']);
    for (let i = 0; i < 5; i++)
      expect((await caller.hosts.list())[0]).toMatchObject({
        online: true,
        lastInfo: { hostname: 'gateway.example.org' },
      });
    expect(commands()).toEqual([]);
    // The host page's read is the full discovery: every stack's interfaces, routes and jails.
    await caller.hosts.state({ id: (await caller.hosts.list())[0]!.id });
    expect(commands()).toEqual(
      expect.arrayContaining([
        'ifconfig -a',
        'jls --libxo json jid name path host.hostname vnet parent children.max ip4 ip4.addr ip6 ip6.addr',
      ]),
    );
  });

  it('refuses a bad host naming the field and the rule, and stores nothing', async () => {
    const { caller } = callerWith();
    await expect(caller.hosts.add({ name: 'x', url: 'ftp://host', token: 'short' })).rejects.toThrow(
      /http:\/\/ or https:\/\/[\s\S]*at least 16 characters/,
    );
    expect(await caller.hosts.list()).toEqual([]);
  });

  it('plans a saved design against the host, applies it step by step, and confirms', async () => {
    const { url, executor } = await agent();
    const jailNames = () => [...executor.state.jails.values()].map((jail) => jail.name).sort();
    const jailsBefore = jailNames();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const design = designs.create('lab', blogWithJail('lab1'));
    const plan = await caller.hosts.plan({ id: host.id, designId: design.id });
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.some((s) => s.summary.includes('lab1'))).toBe(true);

    const events: { type: string }[] = [];
    // Server-side callers see tracked events as [id, data] envelopes; browsers get { id, data }.
    const { applyId } = await caller.hosts.startApply({ id: host.id, planId: plan.id });
    expect(applyId).toBe(plan.id);
    for await (const event of await caller.hosts.applyProgress({ id: host.id, applyId }))
      events.push((Array.isArray(event) ? event[1] : event) as { type: string });
    const result = events.at(-1) as unknown as { type: 'result'; result: { ok: boolean } };
    expect(result).toMatchObject({ type: 'result', result: { ok: true } });
    expect(events.filter((e) => e.type === 'step-done')).toHaveLength(plan.steps.length);

    const state = await caller.hosts.state({ id: host.id });
    expect(state.awaitingConfirmation?.id).toBe(plan.id);
    await caller.hosts.confirm({ id: host.id, applyId: plan.id });
    expect(
      (await caller.hosts.state({ id: host.id })).topology.stacks.map((s) => (s.kind === 'jail' ? s.name : 'host')),
    ).toContain('lab1');
    expect((await caller.hosts.journal({ id: host.id })).applies[0]).toMatchObject({
      id: plan.id,
      outcome: 'confirmed',
      who: `dashboard@token:${tokenFingerprint(TOKEN)}`,
    });
    // The demo host already runs the blog's jails: the apply adds exactly lab1 to them.
    expect(jailNames()).toEqual([...jailsBefore, 'lab1'].sort());
  });

  it('persists a saved design on the host: preview, write with the conflicts allowed, then everything is unchanged', async () => {
    const { url, files, persist } = await agent();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const design = designs.create('blog', blogNetwork());
    const rcBefore = files.read('/etc/rc.conf')!;

    const preview = await caller.hosts.persistPreview({ id: host.id, designId: design.id });
    expect(preview.changes.map((c) => [c.path, c.owner, c.action])).toEqual([
      ['/etc/rc.conf', 'user', 'update'],
      ['/etc/jail.conf', 'user', 'create'],
      ['/etc/jail.conf.d/snort-jail.conf', 'patchbay', 'create'],
      ['/etc/jail.conf.d/www-jail.conf', 'patchbay', 'create'],
      ['/etc/jail.conf.d/tor-relay.conf', 'patchbay', 'create'],
      ['/usr/local/etc/patchbay/pf/patchbay-nat.conf', 'patchbay', 'create'],
      ['/usr/local/etc/patchbay/pf/patchbay-intents.conf', 'patchbay', 'create'],
      ['/usr/local/etc/patchbay/pf/patchbay-policy.conf', 'patchbay', 'create'],
    ]);
    // The demo admin configures ixl0 and a default router of their own; the block would override both.
    expect(preview.changes[0]!.conflicts.map((c) => c.split(' ')[0])).toEqual(['ifconfig_ixl0', 'defaultrouter']);
    expect(preview.changes[0]!.purpose).toMatch(/^Lines to add/);
    expect(preview.changes[2]!.diff).toMatch(/^--- \/dev\/null\n\+\+\+ \/etc\/jail.conf.d\/snort-jail.conf\n/);
    expect(preview.manual.map((m) => m.path)).toEqual(['/etc/pf.conf']);

    await expect(caller.hosts.persistWrite({ id: host.id, previewId: preview.id })).rejects.toThrow(
      /ifconfig_ixl0 is set on line 2[\s\S]*allowConflicts/,
    );
    expect(files.read('/etc/jail.conf.d/www-jail.conf')).toBeUndefined();

    const { written } = await caller.hosts.persistWrite({ id: host.id, previewId: preview.id, allowConflicts: true });
    expect(written.map((w) => [w.path, w.backup !== undefined])).toEqual(
      preview.changes.map((c) => [c.path, c.path === '/etc/rc.conf']),
    );
    expect(files.read('/etc/rc.conf')).toMatch(
      new RegExp(`^${rcBefore.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n${BEGIN_MARK.replace(/[()]/g, '\\$&')}\n`),
    );
    expect(files.entries.has('/etc/pf.conf')).toBe(false);
    expect(persist.journal.entries().at(-1)).toMatchObject({ type: 'persist-end', outcome: 'written' });
    expect(persist.journal.entries()[0]).toMatchObject({
      who: `dashboard@token:${tokenFingerprint(TOKEN)}`,
      conflictsAllowed: true,
    });

    const again = await caller.hosts.persistPreview({ id: host.id, designId: design.id });
    expect(again.changes.map((c) => c.action)).toEqual(preview.changes.map(() => 'unchanged'));
    expect(again.changes.every((c) => c.diff === '')).toBe(true);
    expect(JSON.stringify([preview, again])).not.toContain(TOKEN);
  });

  it('applies with a shorter confirm window when asked, and refuses one out of bounds naming the field', async () => {
    const { url } = await agent();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const plan = await caller.hosts.plan({ id: host.id, designId: designs.create('lab', blogWithJail('lab3')).id });
    await expect(caller.hosts.startApply({ id: host.id, planId: plan.id, confirmSeconds: 5 })).rejects.toThrow(
      /confirmSeconds[\s\S]*at least 10 seconds/,
    );
    expect((await caller.hosts.journal({ id: host.id })).applies).toEqual([]);
    const asked = Date.now();
    const { applyId } = await caller.hosts.startApply({ id: host.id, planId: plan.id, confirmSeconds: 12 });
    for await (const event of await caller.hosts.applyProgress({ id: host.id, applyId })) void event;
    const deadline = Date.parse((await caller.hosts.state({ id: host.id })).awaitingConfirmation!.deadline);
    expect(deadline - asked).toBeGreaterThan(11_000);
    expect(deadline - asked).toBeLessThan(13_000);
    await caller.hosts.confirm({ id: host.id, applyId });
  });

  it('names the field when the design cannot be rendered, and never calls the agent', async () => {
    const { url, files } = await agent();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const topology = blogNetwork();
    const bridge = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'bridge0')!;
    bridge.description = "it's ours";
    const design = designs.create('bad', topology);
    await expect(caller.hosts.persistPreview({ id: host.id, designId: design.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/host interface bridge0 description/),
    });
    expect(files.log).toEqual([]);
  });

  it('refuses a write of a preview the agent does not know', async () => {
    const { url } = await agent();
    const { caller } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    await expect(
      caller.hosts.persistWrite({ id: host.id, previewId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/No preview 00000000/);
    await expect(
      caller.hosts.persistWrite({
        id: host.id,
        previewId: '00000000-0000-4000-8000-000000000000',
        adopt: ['../etc/passwd'],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('says which host is unknown', async () => {
    const { caller } = callerWith();
    await expect(caller.hosts.state({ id: 'nope' })).rejects.toThrow(/There is no host nope/);
  });

  it('opens the host as a stored design that plans to nothing against it', async () => {
    const { url, executor } = await agent();
    const { caller, designs } = callerWith();
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const opened = await caller.hosts.openAsDesign({ id: host.id });
    expect(opened).toMatchObject({ name: 'gateway.example.org as found', notes: [] });
    const stored = designs.open(opened.id).topology;
    expect(stored.stacks.map((s) => (s.kind === 'jail' ? s.name : 'host')).sort()).toEqual([
      'host',
      'snort-jail',
      'tor-relay',
      'www-jail',
    ]);
    expect(stored.intents.map((i) => i.kind)).toEqual(['internet-only']);
    executor.calls.splice(0);
    const plan = await caller.hosts.plan({ id: host.id, designId: opened.id });
    expect(plan.steps).toEqual([]);
    expect(plan.refusals).toEqual([]);
    // Reading and planning never change the host.
    expect(executor.calls.filter((c) => c.argv[0] === 'jail' || c.argv.includes('create'))).toEqual([]);
  });

  it('opens no design for a host it does not know', async () => {
    const { caller, designs } = callerWith();
    await expect(caller.hosts.openAsDesign({ id: 'nope' })).rejects.toThrow(/nope/);
    expect(designs.list()).toEqual([]);
  });
});
