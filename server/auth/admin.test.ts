import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { AdminAuth } from './admin';
import { readSetupCode } from './auth-files';
import { FailureLimiter } from './rate-limit';

const CHEAP = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';

function setup(now = () => 1_000_000) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'patchbay-admin-')), 'data');
  const db = openDatabase(':memory:');
  return { db, dataDir, auth: new AdminAuth({ db, dataDir, limiter: new FailureLimiter(5, 60_000), cost: CHEAP, now, log: () => {} }) };
}

describe('the admin account', () => {
  it('sets the first password only with the setup code, then logs in with it', async () => {
    const { auth, dataDir, db } = setup();
    expect(auth.hasPassword()).toBe(false);
    const code = auth.pendingSetupCode()!;
    expect(await auth.setPassword({ setupCode: 'WRONG-CODE', password: PASSWORD, repeat: PASSWORD })).toMatchObject({ ok: false, status: 401, field: 'setupCode' });
    expect(auth.hasPassword()).toBe(false);
    const set = await auth.setPassword({ setupCode: code, password: PASSWORD, repeat: PASSWORD });
    expect(set.ok).toBe(true);
    expect(auth.isLoggedIn(set.ok ? set.token : undefined)).toBe(true);
    // Stored hashed, the code used up.
    const stored = (db.prepare("SELECT value FROM settings WHERE key = 'admin_password'").get() as { value: string }).value;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(readSetupCode(dataDir)).toBeNull();
    expect(auth.pendingSetupCode()).toBeNull();

    expect(await auth.login('not the password')).toEqual({ ok: false, status: 401, field: 'password', error: 'Password is wrong.' });
    const login = await auth.login(PASSWORD);
    expect(login.ok && auth.isLoggedIn(login.token)).toBe(true);
  });

  it('names the field and the rule of a password it refuses, and never sets it twice', async () => {
    const { auth } = setup();
    const setupCode = auth.pendingSetupCode()!;
    expect(await auth.setPassword({ setupCode, password: 'short', repeat: 'short' })).toEqual({ ok: false, status: 400, field: 'password', error: 'Password must be at least 12 characters long (this one has 5).' });
    expect(await auth.setPassword({ setupCode, password: PASSWORD, repeat: `${PASSWORD}!` })).toEqual({ ok: false, status: 400, field: 'repeat', error: 'Repeat password must be the same as Password.' });
    expect((await auth.setPassword({ setupCode, password: PASSWORD, repeat: PASSWORD })).ok).toBe(true);
    expect(await auth.setPassword({ setupCode, password: 'another long password', repeat: 'another long password' })).toMatchObject({ ok: false, status: 409 });
    expect((await auth.login(PASSWORD)).ok).toBe(true);
  });

  it('says to set a password first when there is none', async () => {
    expect(await setup().auth.login(PASSWORD)).toMatchObject({ ok: false, status: 409, error: 'No admin password yet: set one first.' });
  });

  it('refuses every attempt after five failures in a minute, the right password too', async () => {
    let now = 1_000_000;
    const { auth } = setup(() => now);
    const setupCode = auth.pendingSetupCode()!;
    await auth.setPassword({ setupCode, password: PASSWORD, repeat: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await auth.login(`wrong ${i}`)).ok).toBe(false);
    expect(await auth.login(PASSWORD)).toEqual({ ok: false, status: 429, error: 'Too many failed attempts (at most 5 a minute): try again in 60 s.', retryAfterS: 60 });
    now += 60_000;
    expect((await auth.login(PASSWORD)).ok).toBe(true);
  });

  it('counts wrong setup codes against the same limit', async () => {
    const { auth } = setup();
    auth.pendingSetupCode();
    for (let i = 0; i < 5; i++) await auth.setPassword({ setupCode: `guess-${i}`, password: PASSWORD, repeat: PASSWORD });
    expect(await auth.setPassword({ setupCode: 'guess', password: PASSWORD, repeat: PASSWORD })).toMatchObject({ status: 429 });
  });

  it('ends every session at logout', async () => {
    const { auth } = setup();
    const set = await auth.setPassword({ setupCode: auth.pendingSetupCode()!, password: PASSWORD, repeat: PASSWORD });
    const other = await auth.login(PASSWORD);
    auth.logout();
    expect(auth.isLoggedIn(set.ok ? set.token : undefined)).toBe(false);
    expect(auth.isLoggedIn(other.ok ? other.token : undefined)).toBe(false);
  });

  it('lets a session expire after twelve hours', async () => {
    let now = 1_000_000;
    const { auth } = setup(() => now);
    const set = await auth.setPassword({ setupCode: auth.pendingSetupCode()!, password: PASSWORD, repeat: PASSWORD });
    const token = set.ok ? set.token : undefined;
    now += 12 * 60 * 60 * 1000 - 1;
    expect(auth.isLoggedIn(token)).toBe(true);
    now += 1;
    expect(auth.isLoggedIn(token)).toBe(false);
  });
});
