import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyService } from '../apply/apply-service';
import { CounterPoller } from '../counters/poller';
import { createDemoHost } from '../emulator/demo-host';
import { createDemoFiles } from '../persist/memory-files';
import { PersistService } from '../persist/persist-service';
import { createAgentServer } from './http-server';

// persist.preview and persist.write over real HTTP on loopback: the token, zod before anything runs,
// refusals as tRPC errors with their codes.

const TOKEN = 'p'.repeat(40);
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve(withPersist = true) {
  const executor = createDemoHost();
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-persist-http-'));
  const service = new ApplyService({ executor, stateDir });
  const files = createDemoFiles();
  const persist = new PersistService({ files, stateDir });
  const server = createAgentServer({ token: TOKEN, service, counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }), ...(withPersist ? { persist } : {}), driver: 'emulator' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    service.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, files };
}

async function post(url: string, path: string, body: unknown, token = TOKEN) {
  const response = await fetch(`${url}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-patchbay-actor': 'tester' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { result?: { data: any }; error?: { message: string; data: { code: string } } } };
}

const JAIL = '/etc/jail.conf.d/www.conf';
const jail = { path: JAIL, owner: 'patchbay', content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\nwww { persist; }\n` };

describe('persist over HTTP', () => {
  it('needs the token like every other call', async () => {
    const { url, files } = await serve();
    const { status } = await post(url, 'persist.preview', { files: [jail] }, 'wrong');
    expect(status).toBe(401);
    expect(files.log).toEqual([]);
  });

  it('validates the input with zod before anything runs, naming the rule', async () => {
    const { url, files } = await serve();
    const bad = [
      { files: [] },
      { files: [{ ...jail, path: 'etc/jail.conf.d/www.conf' }] },
      { files: [{ ...jail, path: '/etc/jail.conf.d/../../root/.ssh/authorized_keys' }] },
      { files: [{ ...jail, owner: 'root' }] },
      { files: [{ ...jail, content: 'a\u0000b' }] },
      { files: [{ ...jail, content: 'x'.repeat(1024 * 1024 + 1) }] },
      { files: [{ ...jail, mode: 0o4755 }] },
    ];
    for (const input of bad) {
      const { status, json } = await post(url, 'persist.preview', input);
      expect(status, JSON.stringify(input).slice(0, 80)).toBe(400);
      expect(json.error?.data.code).toBe('BAD_REQUEST');
    }
    expect((await post(url, 'persist.preview', { files: [{ ...jail, path: '/etc/jail.conf.d/.x.conf' }] })).json.error?.message).toMatch(/no part starting with/);
    expect((await post(url, 'persist.write', { id: 'not-a-uuid' })).status).toBe(400);
    expect(files.log).toEqual([]);
  });

  it('previews, refuses a write that does not allow the conflicts, writes when allowed, and journals who', async () => {
    const { url, files } = await serve();
    const rc = { path: '/etc/rc.conf', owner: 'user', content: 'defaultrouter="192.168.1.1"\n' };
    const preview = (await post(url, 'persist.preview', { files: [jail, rc] })).json.result!.data as { id: string; changes: { path: string; action: string; conflicts: string[] }[] };
    expect(preview.changes.map((c) => [c.path, c.action, c.conflicts.length])).toEqual([
      [JAIL, 'create', 0],
      ['/etc/rc.conf', 'update', 1],
    ]);
    const refused = await post(url, 'persist.write', { id: preview.id });
    expect(refused.status).toBe(412);
    expect(refused.json.error?.message).toMatch(/defaultrouter is set on line 3/);
    expect(files.log).toEqual([]);
    const written = await post(url, 'persist.write', { id: preview.id, allowConflicts: true });
    expect(written.json.result!.data).toEqual({ written: [{ path: JAIL }, { path: '/etc/rc.conf', backup: expect.stringMatching(/^\/etc\/rc\.conf\.patchbay-.*Z\.bak$/) }] });
    expect(files.read(JAIL)).toBe(jail.content);
    expect((await post(url, 'persist.write', { id: preview.id })).status).toBe(404);
  });

  it('refuses persist calls on an agent started without host files', async () => {
    const { url } = await serve(false);
    const { status, json } = await post(url, 'persist.preview', { files: [jail] });
    expect(status).toBe(412);
    expect(json.error?.message).toMatch(/without access to the host's files/);
  });
});
