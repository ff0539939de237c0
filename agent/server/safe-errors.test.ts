import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/routers/app';
import type { Context } from '../../server/trpc';
import { ApplyService } from '../apply/apply-service';
import { CounterPoller } from '../counters/poller';
import type { Executor } from '../executor/types';
import { createAgentServer } from './http-server';

// Finding 6 of issue 14: errors carried data.stack with absolute file paths to every client.

const TOKEN = 'y'.repeat(40);
const SECRET_PATH = '/usr/local/libexec/patchbay/agent.mjs';
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** An executor that fails the way a broken host does: an exception whose text holds a path. */
const exploding: Executor = {
  run: async () => {
    throw new Error(`spawn ${SECRET_PATH} ENOENT`);
  },
} as unknown as Executor;

function leaks(body: string): string[] {
  return [
    body.includes('"stack"') && 'a stack',
    body.includes(SECRET_PATH) && 'the path',
    /\bat [\w.<>]+ \(/.test(body) && 'stack frames',
  ].filter(Boolean) as string[];
}

describe('errors sent to clients', () => {
  it('the agent answers an unexpected error with a reference, no stack and no path, and logs the rest', async () => {
    const service = new ApplyService({ executor: exploding, stateDir: mkdtempSync(join(tmpdir(), 'patchbay-safe-')) });
    const counters = new CounterPoller({ executor: exploding, intervalMs: 1000, autoStart: false });
    const server = createAgentServer({ token: TOKEN, service, counters, driver: 'emulator' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => logged.push(line);
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/state.read`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(leaks(body)).toEqual([]);
      const reference = /reference ([0-9a-f]{8})/.exec(body)?.[1];
      expect(reference).toBeDefined();
      expect(logged.join('\n')).toContain(reference);
      expect(logged.join('\n')).toContain(SECRET_PATH);
    } finally {
      console.error = original;
    }
  });

  it('the dashboard does the same for its own unexpected errors', async () => {
    const broken = (): never => {
      throw new Error(`SQLITE_CANTOPEN: unable to open ${SECRET_PATH}`);
    };
    const context: Context = { designs: broken, hosts: broken };
    const original = console.error;
    console.error = () => {};
    try {
      const response = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request('http://localhost/api/trpc/designs.list'),
        router: appRouter,
        createContext: () => context,
      });
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(leaks(body)).toEqual([]);
      expect(body).toMatch(/reference [0-9a-f]{8}/);
    } finally {
      console.error = original;
    }
  });

  it('a refusal meant for people keeps its message', async () => {
    const context = { designs: () => ({ list: () => [] }), hosts: () => ({}) } as unknown as Context;
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(
        'http://localhost/api/trpc/designs.versions?input=' + encodeURIComponent(JSON.stringify({ id: 'not a uuid' })),
      ),
      router: appRouter,
      createContext: () => context,
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain('id');
    expect(leaks(body)).toEqual([]);
  });
});

describe('production mode on the host', () => {
  it('the rc.d script runs the agent with NODE_ENV=production, and the bundle is built for production', () => {
    const rcScript = readFileSync(join(__dirname, '../rc.d/patchbay_agent'), 'utf8');
    expect(rcScript).toMatch(/^: \$\{patchbay_agent_env:="NODE_ENV=production"\}$/m);
    expect(readFileSync(join(__dirname, '../../scripts/build-agent.mjs'), 'utf8')).toContain(
      `'process.env.NODE_ENV': '"production"'`,
    );
  });
});
