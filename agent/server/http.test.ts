import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { ApplyService } from '../apply/apply-service';
import { CounterPoller } from '../counters/poller';
import { createDemoHost, DEMO_FLOWS } from '../emulator/demo-host';
import { FreebsdEmulator } from '../emulator/emulator';
import { tick } from '../emulator/traffic';
import type { Executor } from '../executor/types';
import { createAgentServer } from './http-server';

// The agent over real HTTP on loopback: authentication, resumable streams, confirm-or-revert.

const TOKEN = 'x'.repeat(40);
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve(executor: Executor, confirmTimeoutMs = 60_000) {
  const service = new ApplyService({
    executor,
    stateDir: mkdtempSync(join(tmpdir(), 'patchbay-http-')),
    confirmTimeoutMs,
  });
  const counters = new CounterPoller({ executor, intervalMs: 1000, autoStart: false });
  const server = createAgentServer({ token: TOKEN, service, counters, driver: 'emulator' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stops.push(async () => {
    service.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url, service, counters };
}

const auth = { authorization: `Bearer ${TOKEN}` };
const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

/** Reads SSE events (id + parsed data) until `count` data events arrived, then disconnects. */
async function readEvents(url: string, count: number): Promise<{ id?: string; data: unknown }[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: auth, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id?: string; data: unknown }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: /m.test(block)) continue;
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data === undefined) continue;
      const id = /^id: (.*)$/m.exec(block)?.[1];
      events.push({ ...(id !== undefined ? { id } : {}), data: JSON.parse(data) });
    }
  }
  controller.abort();
  return events;
}

describe('the agent over HTTP', () => {
  it('answers 401 without the right token, and nothing runs', async () => {
    const host = new FreebsdEmulator();
    const { url } = await serve(host);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/host.info`, { headers });
      expect(response.status).toBe(401);
      const post = await fetch(`${url}/plan.create`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ desired: blogNetwork() }),
      });
      expect(post.status).toBe(401);
    }
    expect(host.calls).toEqual([]);
    const ok = await fetch(`${url}/host.info`, { headers: auth });
    expect(ok.status).toBe(200);
    expect((await ok.json()).result.data).toMatchObject({ hostname: 'freebsd.example.org', driver: 'emulator' });
  });

  it('refuses invalid input and oversized bodies before anything runs', async () => {
    const host = new FreebsdEmulator();
    const { url } = await serve(host);
    const bad = await fetch(`${url}/plan.create`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ desired: { format: 'nope' } }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/format/);
    const huge = await fetch(`${url}/plan.create`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: 'x'.repeat(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(host.calls).toEqual([]);
  });

  it('resumes the counters stream after a reconnect with no gap and no duplicate', async () => {
    const host = createDemoHost();
    const { url, counters } = await serve(host);
    for (let i = 0; i < 3; i++) {
      tick(host.state, DEMO_FLOWS, 1);
      await counters.tickOnce();
    }
    const first = await readEvents(`${url}/counters.stream`, 3);
    expect(first.map((e) => e.id)).toEqual(['1', '2', '3']);
    for (let i = 0; i < 3; i++) {
      tick(host.state, DEMO_FLOWS, 1);
      await counters.tickOnce();
    }
    const resumed = await readEvents(`${url}/counters.stream?${input({ lastEventId: '2' })}`, 4);
    expect(resumed.map((e) => e.id)).toEqual(['3', '4', '5', '6']);
    const sample = resumed[3]!.data as { interfaces: Record<string, { txBytes: string }> };
    expect(BigInt(sample.interfaces['host/ixl0']!.txBytes)).toBeGreaterThan(0n);
  });

  it('applies with progress, then reverts when not confirmed', async () => {
    const host = new FreebsdEmulator({
      hostname: 'gateway.example.org',
      nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
    });
    host.runSync({ argv: ['ifconfig', 'ixl0', 'description', 'uplink'] });
    host.runSync({ argv: ['route', 'add', 'default', '192.168.1.1'] });
    const { url, service } = await serve(host, 1_500);
    const created = await fetch(`${url}/plan.create`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ desired: blogNetwork() }),
    });
    const plan = (await created.json()).result.data as { id: string; steps: unknown[] };
    // Starting is a POST; a GET that tries to start it is refused before anything runs.
    expect((await fetch(`${url}/plan.startApply?${input({ planId: plan.id })}`, { headers: auth })).status).toBe(405);
    expect(service.awaitingConfirmation()).toBeUndefined();
    const started = await fetch(`${url}/plan.startApply`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ planId: plan.id }),
    });
    expect((await started.json()).result.data).toEqual({ applyId: plan.id });
    const events = await readEvents(
      `${url}/plan.applyProgress?${input({ applyId: plan.id })}`,
      2 * plan.steps.length + 2,
    );
    const last = events.at(-1)!.data as { type: string; result: { ok: boolean } };
    expect(last).toMatchObject({ type: 'result', result: { ok: true } });
    expect(service.awaitingConfirmation()?.id).toBe(plan.id);
    const jails = async () =>
      (
        (await (await fetch(`${url}/state.read`, { headers: auth })).json()).result.data.topology.stacks as {
          kind: string;
        }[]
      ).filter((s) => s.kind === 'jail').length;
    expect(await jails()).toBe(3);
    // The timer fires 1.5 s after the apply; poll rather than guess how long a busy machine takes.
    const deadline = Date.now() + 15_000;
    while ((await jails()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await jails()).toBe(0);
    const journal = (await (await fetch(`${url}/journal.list`, { headers: auth })).json()).result.data as {
      outcome: string;
    }[];
    expect(journal[0]!.outcome).toBe('reverted');
  });
});

describe('who the journal names', () => {
  it('a claimed name is marked as claimed and tied to the token the agent verified', async () => {
    const { actorOf, tokenFingerprint } = await import('./http-server');
    const id = tokenFingerprint(TOKEN);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(actorOf('dashboard', id)).toBe(`dashboard@token:${id}`);
    // A caller cannot pass itself off as another token, nor smuggle words into the journal.
    expect(actorOf('root@token:00000000', id)).toBe(`api@token:${id}`);
    expect(actorOf('evil\nline', id)).toBe(`api@token:${id}`);
    expect(actorOf(undefined, id)).toBe(`api@token:${id}`);
  });
});
