import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { createDemoFiles } from '../../agent/persist/memory-files';
import { PersistService } from '../../agent/persist/persist-service';
import { createAgentServer } from '../../agent/server/http-server';
import { blogNetwork } from '../../core/demo/blog-network';
import { renderConfig } from '../../core/render/render-all';
import { openDatabase } from '../storage/database';
import { DesignStore } from '../storage/designs';
import { HostStore } from '../storage/hosts';
import { createCaller } from './app';

// The dashboard sends the agent a design, never files: the agent renders them itself, so an agent
// that refuses raw files (the default) persists designs from the dashboard as before.

const TOKEN = 'host-persist-token-0123456789';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function agentWithDefaults() {
  const executor = createDemoHost();
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-host-persist-'));
  const service = new ApplyService({ executor, stateDir });
  const files = createDemoFiles();
  const persist = new PersistService({ files, stateDir });
  const server = createAgentServer({
    token: TOKEN,
    service,
    counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
    persist,
    driver: 'emulator',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    service.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, files, persist };
}

describe('hosts.persistPreview / persistWrite', () => {
  it("sends the agent the design's topology, and shows the agent's rendering: purposes, pf.conf as manual lines", async () => {
    const { url, files, persist } = await agentWithDefaults();
    const db = openDatabase(':memory:');
    const designs = new DesignStore(db);
    const caller = createCaller({ designs: () => designs, hosts: () => new HostStore(db, {}) });
    const host = await caller.hosts.add({ name: 'demo', url, token: TOKEN });
    const design = designs.create('blog', blogNetwork());
    const asked = vi.spyOn(persist, 'preview');

    const preview = await caller.hosts.persistPreview({ id: host.id, designId: design.id });
    expect(asked).toHaveBeenCalledTimes(1);
    expect(Object.keys(asked.mock.calls[0]![0])).toEqual(['topology']);
    const rendered = renderConfig(designs.open(design.id).topology);
    expect(preview.source).toBe('design');
    expect(preview.changes.map((c) => [c.path, c.purpose])).toEqual(
      rendered.filter((f) => f.path !== '/etc/pf.conf').map((f) => [f.path, f.purpose]),
    );
    expect(preview.manual).toEqual([
      { path: '/etc/pf.conf', content: rendered.at(-1)!.content, purpose: rendered.at(-1)!.purpose },
    ]);

    await caller.hosts.persistWrite({ id: host.id, previewId: preview.id, allowConflicts: true });
    expect(files.read('/etc/jail.conf.d/www-jail.conf')).toBe(
      rendered.find((f) => f.path === '/etc/jail.conf.d/www-jail.conf')!.content,
    );
    expect(persist.journal.entries()[0]).toMatchObject({ type: 'persist-start', source: 'design' });
  });
});
