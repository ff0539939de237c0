import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { LAST_SEEN_RESOLUTION_MS, MAX_SESSIONS, SessionStore } from './session-store';
import { SESSION_LIFETIME_MS } from './session';

const BROWSER = { userAgent: 'Mozilla/5.0 Firefox', clientAddress: '192.168.1.20' };

function store(start = 1_000_000) {
  const clock = { now: start };
  const db = openDatabase(':memory:');
  return { db, clock, sessions: new SessionStore(db, () => clock.now) };
}

describe('the session store', () => {
  it('finds a session by its token, and keeps only a hash of the token', () => {
    const { db, sessions } = store();
    const made = sessions.create(BROWSER);
    expect(made.token).toMatch(/^[\w-]{43}$/);
    expect(sessions.find(made.token)).toEqual({
      id: made.id,
      createdAt: 1_000_000,
      lastSeenAt: 1_000_000,
      expiresAt: 1_000_000 + SESSION_LIFETIME_MS,
      ...BROWSER,
    });
    const row = db.prepare('SELECT * FROM sessions').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(made.token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const token of [
      undefined,
      '',
      'short',
      `${made.token}x`,
      made.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    ])
      expect(sessions.find(token)).toBeNull();
  });

  it('checks a token with one lookup on the unique index of token hashes', () => {
    const { db } = store();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM sessions WHERE token_hash = ?').all('x') as {
      detail: string;
    }[];
    expect(plan.map((step) => step.detail)).toEqual([
      expect.stringMatching(/^SEARCH sessions USING INDEX sqlite_autoindex_sessions_\d \(token_hash=\?\)$/),
    ]);
  });

  it('expires a session after its lifetime', () => {
    const { clock, sessions } = store();
    const { token } = sessions.create(BROWSER);
    clock.now += SESSION_LIFETIME_MS - 1;
    expect(sessions.isValid(token)).toBe(true);
    clock.now += 1;
    expect(sessions.isValid(token)).toBe(false);
    expect(sessions.list()).toEqual([]);
  });

  it('writes last seen at most once a minute', () => {
    const { clock, sessions } = store();
    const { token } = sessions.create(BROWSER);
    clock.now += LAST_SEEN_RESOLUTION_MS - 1;
    expect(sessions.find(token)?.lastSeenAt).toBe(1_000_000);
    clock.now += 1;
    expect(sessions.find(token)?.lastSeenAt).toBe(clock.now);
    expect(sessions.list()[0]?.lastSeenAt).toBe(clock.now);
  });

  it('lists live sessions, the most recently seen first, and revokes one or all', () => {
    const { clock, sessions } = store();
    const first = sessions.create(BROWSER);
    clock.now += 1000;
    const second = sessions.create({ userAgent: null, clientAddress: '10.0.0.2' });
    expect(sessions.list().map((s) => s.id)).toEqual([second.id, first.id]);
    expect(sessions.list()[0]?.userAgent).toBe('');
    expect(sessions.revoke(first.id)).toBe(true);
    expect(sessions.revoke(first.id)).toBe(false);
    expect(sessions.isValid(first.token)).toBe(false);
    expect(sessions.isValid(second.token)).toBe(true);
    sessions.create(BROWSER);
    expect(sessions.revokeAll()).toBe(2);
    expect(sessions.isValid(second.token)).toBe(false);
  });

  it(`keeps at most ${MAX_SESSIONS} sessions, ending the least recently seen`, () => {
    const { clock, sessions } = store();
    const oldest = sessions.create(BROWSER);
    for (let i = 0; i < MAX_SESSIONS; i++) {
      clock.now += 1;
      sessions.create(BROWSER);
    }
    expect(sessions.list()).toHaveLength(MAX_SESSIONS);
    expect(sessions.isValid(oldest.token)).toBe(false);
  });

  it('creates its table once in a database file, and finds it again after reopening', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'patchbay-sessions-')), 'patchbay.sqlite');
    const { token } = new SessionStore(openDatabase(file)).create(BROWSER);
    const reopened = new SessionStore(openDatabase(file));
    expect(reopened.isValid(token)).toBe(true);
    const db = openDatabase(file);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'sessions_schema_version'").get()).toEqual({
      value: '1',
    });
  });
});
