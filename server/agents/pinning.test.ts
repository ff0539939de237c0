import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { createAgentServer } from '../../agent/server/http-server';
import type { CounterStreamEvent } from '../../core/wire/counters';
import { relayCounters } from './relay';
import { dashboard, listen, onCleanup, TOKEN } from './test-servers';

// Trusting an agent's self-signed certificate by pinning its fingerprint (issue 14, finding 10c),
// against a real agent serving HTTPS with a certificate made here by openssl, as an admin would.

const run = promisify(execFile);
let cert: string;
let key: string;
let fingerprint: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-pin-'));
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=agent',
    '-days',
    '1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  // Exactly what docs/security/agents.md tells the admin to run.
  const { stdout } = await run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-noout', '-fingerprint', '-sha256']);
  fingerprint = stdout.trim();
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
});

async function httpsAgent() {
  const executor = createDemoHost();
  const service = new ApplyService({ executor, stateDir: mkdtempSync(join(tmpdir(), 'pb-pin-agent-')) });
  onCleanup(() => service.dispose());
  const counters = new CounterPoller({ executor, intervalMs: 1000, autoStart: false });
  const server = createAgentServer({ token: TOKEN, service, counters, driver: 'emulator', tls: { cert, key } });
  let requests = 0;
  server.on('request', () => requests++);
  const port = await listen(server);
  await counters.tickOnce();
  return { url: `https://127.0.0.1:${port}`, requests: () => requests };
}

const hex = (text: string) => text.replace(/^.*=/, '').replaceAll(':', '').toUpperCase();
/** The same length and form, one digit different. */
const wrongPin = () => hex(fingerprint).replace(/^./, (c) => (c === '0' ? '1' : '0'));

describe('a pinned agent certificate', () => {
  it('is trusted when the fingerprint matches: the host is online, its state and counters come through', async () => {
    const agent = await httpsAgent();
    const { caller } = dashboard();
    const host = await caller.hosts.add({ name: 'pinned', url: agent.url, token: TOKEN, fingerprint });
    expect(host.fingerprint).toBe(hex(fingerprint).match(/../g)!.join(':'));
    const [listed] = await caller.hosts.list();
    expect(listed).toMatchObject({ online: true, problem: null, lastInfo: { hostname: 'gateway.example.org' } });
    // The demo host runs the blog network: its own stack and three vnet jails.
    const stacks = (await caller.hosts.state({ id: host.id })).topology.stacks;
    expect(stacks.map((s) => (s.kind === 'jail' ? s.name : s.kind)).sort()).toEqual([
      'host',
      'snort-jail',
      'tor-relay',
      'www-jail',
    ]);

    const controller = new AbortController();
    const events = relayCounters({
      endpoint: () => ({ url: agent.url, token: TOKEN, fingerprint: host.fingerprint }),
      signal: controller.signal,
      retryMs: 50,
    });
    expect((await events.next()).value).toMatchObject({ type: 'status', online: true });
    expect((await events.next()).value).toMatchObject({ type: 'sample', id: '1' });
    controller.abort();
  });

  it('is refused when the fingerprint differs, showing both, before the token is sent', async () => {
    const agent = await httpsAgent();
    const { caller } = dashboard();
    const host = await caller.hosts.add({
      name: 'pinned-wrong',
      url: agent.url,
      token: TOKEN,
      fingerprint: wrongPin(),
    });
    const [listed] = await caller.hosts.list();
    expect(listed!.online).toBe(false);
    const presented = hex(fingerprint).match(/../g)!.join(':');
    expect(listed!.problem).toContain(
      `presented a certificate with SHA-256 fingerprint ${presented}, but the fingerprint pinned for this host is ${host.fingerprint}`,
    );
    await expect(caller.hosts.state({ id: host.id })).rejects.toMatchObject({
      code: 'BAD_GATEWAY',
      message: expect.stringContaining(presented),
    });

    const controller = new AbortController();
    const events = relayCounters({
      endpoint: () => ({ url: agent.url, token: TOKEN, fingerprint: host.fingerprint }),
      signal: controller.signal,
      retryMs: 50,
    });
    const first = (await events.next()).value as CounterStreamEvent;
    controller.abort();
    expect(first.type === 'status' && first.message).toContain(presented);
    expect(agent.requests()).toBe(0);
  });

  it('without a pin, the self-signed certificate is refused by normal CA verification, saying how to pin it', async () => {
    const agent = await httpsAgent();
    const { caller } = dashboard();
    await caller.hosts.add({ name: 'unpinned', url: agent.url, token: TOKEN });
    const [listed] = await caller.hosts.list();
    expect(listed!.online).toBe(false);
    expect(listed!.problem).toMatch(
      /presented a certificate that no trusted authority signed \(DEPTH_ZERO_SELF_SIGNED_CERT\), such as a self-signed one[\s\S]*-fingerprint -sha256/,
    );
    expect(agent.requests()).toBe(0);
  });
});
