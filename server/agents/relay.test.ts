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
import type { CounterStreamEvent } from '../../core/wire/counters';
import { relayCounters } from './relay';

// The relay against a real agent over HTTP: it passes samples on, says when the agent goes away, and
// resumes without gap or duplicate when it is back.

const TOKEN = 'relay-test-token-0123456789';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function listen(server: Server, port = 0) {
  return new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server) {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('relayCounters', () => {
  it('relays samples, reports the agent offline, and resumes from the last sample when it returns', async () => {
    const executor = createDemoHost();
    const service = new ApplyService({ executor, stateDir: mkdtempSync(join(tmpdir(), 'pb-relay-')) });
    const counters = new CounterPoller({ executor, intervalMs: 1000, autoStart: false });
    cleanups.push(() => service.dispose());
    let server = createAgentServer({ token: TOKEN, service, counters, driver: 'emulator' });
    const port = await listen(server);
    await counters.tickOnce();
    await counters.tickOnce();

    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const events = relayCounters({
      endpoint: () => ({ url: `http://127.0.0.1:${port}`, token: TOKEN }),
      signal: controller.signal,
      retryMs: 50,
    });
    const next = async (): Promise<CounterStreamEvent> => (await events.next()).value as CounterStreamEvent;

    expect(await next()).toMatchObject({ type: 'status', online: true });
    expect(await next()).toMatchObject({ type: 'sample', id: '1' });
    expect(await next()).toMatchObject({ type: 'sample', id: '2' });

    await close(server);
    expect(await next()).toMatchObject({ type: 'status', online: false });
    // While it is away the agent keeps sampling (the poller belongs to the agent process).
    await counters.tickOnce();
    await counters.tickOnce();
    server = createAgentServer({ token: TOKEN, service, counters, driver: 'emulator' });
    await listen(server, port);
    cleanups.push(() => void close(server));

    expect(await next()).toMatchObject({ type: 'status', online: true });
    expect(await next()).toMatchObject({ type: 'sample', id: '3' });
    expect(await next()).toMatchObject({ type: 'sample', id: '4' });
    controller.abort();
  });

  it('says the agent is offline when nothing listens, naming the address', async () => {
    const controller = new AbortController();
    const events = relayCounters({
      endpoint: () => ({ url: 'http://127.0.0.1:9', token: TOKEN }),
      signal: controller.signal,
      retryMs: 50,
    });
    const first = (await events.next()).value as CounterStreamEvent;
    controller.abort();
    expect(first).toMatchObject({ type: 'status', online: false });
    expect(first.type === 'status' && first.message).toMatch(/127\.0\.0\.1:9 did not answer/);
  });

  it('reports a wrong token as a refusal, not as an unreachable agent', async () => {
    const executor = createDemoHost();
    const service = new ApplyService({ executor, stateDir: mkdtempSync(join(tmpdir(), 'pb-relay-')) });
    cleanups.push(() => service.dispose());
    const server = createAgentServer({
      token: TOKEN,
      service,
      counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
      driver: 'emulator',
    });
    const port = await listen(server);
    cleanups.push(() => void close(server));
    const controller = new AbortController();
    const events = relayCounters({
      endpoint: () => ({ url: `http://127.0.0.1:${port}`, token: 'wrong-token-000000000' }),
      signal: controller.signal,
      retryMs: 50,
    });
    const first = (await events.next()).value as CounterStreamEvent;
    controller.abort();
    expect(first).toMatchObject({ type: 'status', online: false });
    expect(first.type === 'status' && first.message).toMatch(/refused the token/);
  });
});
