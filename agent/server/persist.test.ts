import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyService } from '../apply/apply-service';
import { CounterPoller } from '../counters/poller';
import { blogNetwork } from '../../core/demo/blog-network';
import { createDemoHost } from '../emulator/demo-host';
import { createDemoFiles } from '../persist/memory-files';
import { PersistService } from '../persist/persist-service';
import { createAgentServer } from './http-server';

// persist.preview and persist.write over real HTTP on loopback: the token, zod before anything runs,
// refusals as tRPC errors with their codes, and files not rendered by the agent refused unless the
// agent allows them and the request gives a reason.

const TOKEN = 'p'.repeat(40);
/** The actor the requests name (the server may add which token it came with). */
const WHO = /^tester\b/;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve({ withPersist = true, allowRawFiles = false } = {}) {
  const executor = createDemoHost();
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-persist-http-'));
  const service = new ApplyService({ executor, stateDir });
  const files = createDemoFiles();
  const persist = new PersistService({ files, stateDir, allowRawFiles });
  const server = createAgentServer({
    token: TOKEN,
    service,
    counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
    ...(withPersist ? { persist } : {}),
    driver: 'emulator',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    service.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, files, persist };
}

async function post(url: string, path: string, body: unknown, token = TOKEN) {
  const response = await fetch(`${url}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-patchbay-actor': 'tester' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as {
      result?: { data: unknown };
      error?: { message: string; data: { code: string } };
    },
  };
}

const JAIL = '/etc/jail.conf.d/www.conf';
const jail = {
  path: JAIL,
  owner: 'patchbay',
  content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\nwww { persist; }\n`,
};
/** Root code for the next boot: jail(8) runs exec.prestart "in the system environment", on the host. */
const evil = {
  path: JAIL,
  owner: 'patchbay',
  content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\nwww {\n  exec.prestart = "$(rm -rf /)";\n}\n`,
};
const override = { reason: 'hand-made jail for ticket 42' };
type Preview = {
  id: string;
  source: string;
  changes: { path: string; action: string; conflicts: string[]; purpose?: string }[];
  manual: { path: string }[];
};

describe('persist over HTTP', () => {
  it('needs the token like every other call', async () => {
    const { url, files } = await serve();
    const { status } = await post(url, 'persist.preview', { topology: blogNetwork() }, 'wrong');
    expect(status).toBe(401);
    expect(files.log).toEqual([]);
  });

  it('validates the input with zod before anything runs, naming the rule', async () => {
    const { url, files } = await serve({ allowRawFiles: true });
    const raw = (file: Record<string, unknown>) => ({ files: [file], override });
    const bad = [
      {},
      { files: [], override },
      raw({ ...jail, path: 'etc/jail.conf.d/www.conf' }),
      raw({ ...jail, path: '/etc/jail.conf.d/../../root/.ssh/authorized_keys' }),
      raw({ ...jail, owner: 'root' }),
      raw({ ...jail, content: 'a\u0000b' }),
      raw({ ...jail, content: 'x'.repeat(1024 * 1024 + 1) }),
      raw({ ...jail, mode: 0o4755 }),
      { files: [jail], override: { reason: '' } },
      { files: [jail], override: { reason: 'x'.repeat(501) } },
      { files: [jail], override: { reason: 'two\nlines' } },
      { files: [jail], override: { reason: 'r', by: 'someone' } },
      { topology: { format: 'something else' } },
      { topology: blogNetwork(), override },
      { topology: blogNetwork(), files: [jail], override },
    ];
    for (const input of bad) {
      const { status, json } = await post(url, 'persist.preview', input);
      expect(status, JSON.stringify(input).slice(0, 80)).toBe(400);
      expect(json.error?.data.code).toBe('BAD_REQUEST');
    }
    expect(
      (await post(url, 'persist.preview', raw({ ...jail, path: '/etc/jail.conf.d/.x.conf' }))).json.error?.message,
    ).toMatch(/no part starting with/);
    expect((await post(url, 'persist.write', { id: 'not-a-uuid' })).status).toBe(400);
    expect(files.log).toEqual([]);
  });

  it('renders the design it is sent, previews, refuses a write that does not allow the conflicts, writes when allowed, and journals who', async () => {
    const { url, files, persist } = await serve();
    const preview = (await post(url, 'persist.preview', { topology: blogNetwork() })).json.result!.data as Preview;
    expect(preview.source).toBe('design');
    expect(preview.changes[0]).toMatchObject({
      path: '/etc/rc.conf',
      action: 'update',
      purpose: expect.stringMatching(/^Lines to add/),
    });
    expect(preview.changes[0]!.conflicts.map((c) => c.split(' ')[0])).toEqual(['ifconfig_ixl0', 'defaultrouter']);
    expect(preview.manual.map((m) => m.path)).toEqual(['/etc/pf.conf']);
    const refused = await post(url, 'persist.write', { id: preview.id });
    expect(refused.status).toBe(412);
    expect(refused.json.error?.message).toMatch(/defaultrouter is set on line 3/);
    expect(files.log).toEqual([]);
    const written = await post(url, 'persist.write', { id: preview.id, allowConflicts: true });
    expect((written.json.result!.data as { written: { path: string }[] }).written.map((w) => w.path)).toEqual(
      preview.changes.map((c) => c.path),
    );
    expect(persist.journal.entries()[0]).toMatchObject({
      type: 'persist-start',
      who: expect.stringMatching(WHO),
      source: 'design',
    });
    expect((await post(url, 'persist.write', { id: preview.id })).status).toBe(404);
  });

  it('refuses a design the renderers cannot write safely, naming the field', async () => {
    const { url, files } = await serve();
    const topology = blogNetwork();
    topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'bridge0')!.description = '$(reboot)';
    const { status, json } = await post(url, 'persist.preview', { topology });
    expect(status).toBe(400);
    expect(json.error?.message).toMatch(/bridge0 description/);
    expect(files.log).toEqual([]);
  });

  it('refuses files not rendered from a design by default (root code for the next boot), writing nothing', async () => {
    const { url, files, persist } = await serve();
    const bare = await post(url, 'persist.preview', { files: [evil] });
    expect(bare.status).toBe(400);
    expect(bare.json.error?.message).toMatch(/--allow-raw-files/);
    const overridden = await post(url, 'persist.preview', { files: [evil], override });
    expect(overridden.status).toBe(412);
    expect(overridden.json.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(overridden.json.error?.message).toMatch(/started with --allow-raw-files/);
    expect(files.log).toEqual([]);
    expect(files.read(JAIL)).toBeUndefined();
    expect(persist.journal.entries()).toEqual([]);
  });

  it('with allowRawFiles and an override, writes them and journals who, when, the reason and the full diff', async () => {
    const { url, files, persist } = await serve({ allowRawFiles: true });
    const preview = (await post(url, 'persist.preview', { files: [evil], override })).json.result!.data as Preview & {
      changes: { diff: string }[];
    };
    expect(preview).toMatchObject({ source: 'override', changes: [{ path: JAIL, action: 'create' }], manual: [] });
    const before = Date.now();
    expect((await post(url, 'persist.write', { id: preview.id })).status).toBe(200);
    expect(files.read(JAIL)).toBe(evil.content);
    const start = persist.journal.entries()[0]!;
    expect(start).toMatchObject({
      type: 'persist-start',
      who: expect.stringMatching(WHO),
      source: 'override',
      override: {
        reason: override.reason,
        previewedBy: expect.stringMatching(WHO),
        diffs: [{ path: JAIL, diff: preview.changes[0]!.diff }],
      },
    });
    if (start.type !== 'persist-start') throw new Error('expected persist-start');
    expect(Math.abs(Date.parse(start.at) - before)).toBeLessThan(60_000);
    expect(start.override!.diffs[0]!.diff).toBe(
      `--- /dev/null\n+++ ${JAIL}\n@@ -0,0 +1,4 @@\n${evil.content.replace(/^/gm, '+').replace(/\+$/, '')}`,
    );
  });

  it('refuses persist calls on an agent started without host files', async () => {
    const { url } = await serve({ withPersist: false });
    const { status, json } = await post(url, 'persist.preview', { topology: blogNetwork() });
    expect(status).toBe(412);
    expect(json.error?.message).toMatch(/without access to the host's files/);
  });
});
