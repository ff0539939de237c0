import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { BASTILLE_DEMO_HOST_ID, HostNotFound, HostStore, LOCAL_HOST_ID } from './hosts';

const INFO = { hostname: 'gw', freebsdVersion: '14.2-RELEASE', driver: 'emulator' as const, agentVersion: '0.1.0' };

describe('HostStore', () => {
  it('adds, lists and removes hosts, and never lists a token', () => {
    const store = new HostStore(openDatabase(':memory:'), {});
    const added = store.add({ name: 'jailhost', url: 'https://10.0.0.5:7780', token: 'secret-token-value-123' });
    expect(store.list()).toEqual([added]);
    expect(JSON.stringify(store.list())).not.toContain('secret-token-value-123');
    expect(store.endpoint(added.id)).toEqual({
      url: 'https://10.0.0.5:7780',
      token: 'secret-token-value-123',
      allowHttp: false,
      fingerprint: null,
    });
    store.remove(added.id);
    expect(store.list()).toEqual([]);
    expect(() => store.remove(added.id)).toThrow(HostNotFound);
  });

  it('offers the local demo host from the environment, reading its token file at call time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-hosts-'));
    const tokenFile = join(dir, 'token');
    const store = new HostStore(openDatabase(':memory:'), {
      PATCHBAY_AGENT_URL: 'http://127.0.0.1:7780',
      PATCHBAY_AGENT_TOKEN_FILE: tokenFile,
    });
    expect(store.list().map((h) => h.id)).toEqual([LOCAL_HOST_ID]);
    writeFileSync(tokenFile, 'written-later\n');
    expect(store.endpoint(LOCAL_HOST_ID).token).toBe('written-later');
    expect(() => store.remove(LOCAL_HOST_ID)).toThrow(/cannot be removed/);
  });

  it('offers the Bastille demo host beside it from its own variables, second, as a built-in host', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-hosts-'));
    const tokenFile = join(dir, 'bastille-token');
    const store = new HostStore(openDatabase(':memory:'), {
      PATCHBAY_AGENT_URL: 'http://127.0.0.1:7780',
      PATCHBAY_AGENT_TOKEN: 'blog-token',
      PATCHBAY_BASTILLE_AGENT_URL: 'http://127.0.0.1:7781',
      PATCHBAY_BASTILLE_AGENT_TOKEN_FILE: tokenFile,
    });
    const added = store.add({ name: 'a', url: 'http://127.0.0.1:7790', token: 'tok' });
    expect(store.list().map((h) => [h.id, h.name, h.builtIn])).toEqual([
      [LOCAL_HOST_ID, 'Local demo host', true],
      [BASTILLE_DEMO_HOST_ID, 'Bastille demo host', true],
      [added.id, 'a', false],
    ]);
    writeFileSync(tokenFile, 'bastille-token\n');
    expect(store.endpoint(BASTILLE_DEMO_HOST_ID)).toEqual({
      url: 'http://127.0.0.1:7781',
      token: 'bastille-token',
      allowHttp: true,
      fingerprint: null,
    });
    expect(store.endpoint(LOCAL_HOST_ID).token).toBe('blog-token');
    expect(() => store.remove(BASTILLE_DEMO_HOST_ID)).toThrow('The bastille demo host comes from the start script');
    // Seen: its bookkeeping row is neither listed twice nor shown as an added host.
    store.markSeen(BASTILLE_DEMO_HOST_ID, INFO);
    expect(store.list()).toHaveLength(3);
    expect(store.get(BASTILLE_DEMO_HOST_ID)).toMatchObject({ lastInfo: INFO, builtIn: true });
  });

  it('has no Bastille demo host without its URL and a token, and says which variable is missing', () => {
    const store = new HostStore(openDatabase(':memory:'), { PATCHBAY_BASTILLE_AGENT_URL: 'http://127.0.0.1:7781' });
    expect(store.list()).toEqual([]);
    expect(() => store.endpoint(BASTILLE_DEMO_HOST_ID)).toThrow(
      'No bastille demo host is configured: it needs PATCHBAY_BASTILLE_AGENT_URL, and PATCHBAY_BASTILLE_AGENT_TOKEN_FILE or',
    );
    expect(() => store.endpoint(LOCAL_HOST_ID)).toThrow(
      /No local demo host is configured: it needs PATCHBAY_AGENT_URL/,
    );
  });

  it('remembers when a host was last seen and what it said', () => {
    let now = new Date('2026-11-28T10:00:00Z');
    const store = new HostStore(
      openDatabase(':memory:'),
      { PATCHBAY_AGENT_URL: 'http://127.0.0.1:7780', PATCHBAY_AGENT_TOKEN: 't' },
      () => now,
    );
    const other = store.add({ name: 'b', url: 'http://127.0.0.1:7781', token: 'tok' });
    store.markSeen(LOCAL_HOST_ID, INFO);
    now = new Date('2026-11-28T10:05:00Z');
    store.markSeen(other.id, { ...INFO, hostname: 'b' });
    expect(store.get(LOCAL_HOST_ID)).toMatchObject({
      lastSeen: '2026-11-28T10:00:00.000Z',
      lastInfo: INFO,
      builtIn: true,
    });
    expect(store.get(other.id)).toMatchObject({ lastSeen: '2026-11-28T10:05:00.000Z', lastInfo: { hostname: 'b' } });
    // The local host's bookkeeping row is not a second host.
    expect(store.list()).toHaveLength(2);
  });
});

describe('HostStore: how each agent is reached', () => {
  const PIN = 'AB:'.repeat(31) + 'AB';

  it('keeps whether plain http was allowed and the pinned fingerprint, and hands both to the caller', () => {
    const store = new HostStore(openDatabase(':memory:'), {});
    const pinned = store.add({
      name: 'pinned',
      url: 'https://10.0.0.5:7780',
      token: 'secret-token-value-123',
      fingerprint: PIN,
    });
    const plain = store.add({
      name: 'plain',
      url: 'http://10.0.0.6:7780',
      token: 'secret-token-value-456',
      allowHttp: true,
    });
    expect(pinned).toMatchObject({ allowHttp: false, fingerprint: PIN });
    expect(plain).toMatchObject({ allowHttp: true, fingerprint: null });
    expect(store.endpoint(pinned.id)).toMatchObject({ fingerprint: PIN, allowHttp: false });
    expect(store.endpoint(plain.id)).toMatchObject({ fingerprint: null, allowHttp: true });
  });

  it('adds the columns to a hosts table made before them, keeping its rows; an http agent that worked keeps working', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pb-hosts-old-')), 'patchbay.sqlite');
    const db = openDatabase(file);
    // The hosts table as the first release made it.
    db.exec('DROP TABLE hosts');
    db.exec(
      'CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, token TEXT NOT NULL, created_at TEXT NOT NULL, last_seen TEXT, last_info TEXT)',
    );
    db.prepare(
      "INSERT INTO hosts (id, name, url, token, created_at) VALUES ('a', 'old-http', 'http://10.0.0.7:7780', 'old-token-0123456789', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO hosts (id, name, url, token, created_at) VALUES ('b', 'old-https', 'https://10.0.0.8:7780', 'old-token-9876543210', '2026-01-01T00:00:01Z')",
    ).run();
    db.close();

    const store = new HostStore(openDatabase(file), {});
    expect(store.list().map((h) => [h.name, h.allowHttp, h.fingerprint])).toEqual([
      ['old-http', true, null],
      ['old-https', false, null],
    ]);
    expect(store.endpoint('a')).toEqual({
      url: 'http://10.0.0.7:7780',
      token: 'old-token-0123456789',
      allowHttp: true,
      fingerprint: null,
    });
    // Opening again changes nothing.
    expect(new HostStore(openDatabase(file), {}).list()).toEqual(store.list());
  });
});

describe('the database file', () => {
  it('is readable by its owner only: it holds agent tokens', async () => {
    const { statSync } = await import('node:fs');
    const file = join(mkdtempSync(join(tmpdir(), 'pb-db-')), 'patchbay.sqlite');
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
