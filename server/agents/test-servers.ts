import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createCaller } from '../routers/app';
import { openDatabase } from '../storage/database';
import { DesignStore } from '../storage/designs';
import { HostStore } from '../storage/hosts';

// For the agent tests: real servers on an ephemeral loopback port that answer like something other
// than a Patchbay agent, and a dashboard caller with its own in-memory database.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

export function onCleanup(cleanup: () => Promise<void> | void) {
  cleanups.push(cleanup);
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

/** A server answering every request with `handler`; `requests` records what reached it. */
export async function fakeServer(handler: RequestListener) {
  const requests: Pick<IncomingMessage, 'url' | 'method' | 'headers'>[] = [];
  const port = await listen(
    createServer((req, res) => {
      requests.push({ url: req.url, method: req.method, headers: req.headers });
      handler(req, res);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, port, requests };
}

/** A server answering every request with this status, content type and body. */
export function answering(status: number, body: string, contentType = 'application/json') {
  return fakeServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
}

export function dashboard() {
  const db = openDatabase(':memory:');
  const designs = new DesignStore(db);
  const hosts = new HostStore(db, {});
  return { caller: createCaller({ designs: () => designs, hosts: () => hosts }), hosts, designs };
}

export const TOKEN = 'agent-tests-token-0123456789';
