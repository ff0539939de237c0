import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { AdminAuth, type AdminAuthOptions, type ClientInfo } from './admin';
import { readSetupCode } from './auth-files';
import { verifyPassword } from './password';

const CHEAP = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
const ADMIN: ClientInfo = { address: '192.168.1.20', userAgent: 'Firefox' };
const GUESSER: ClientInfo = { address: '203.0.113.7', userAgent: 'curl' };

function setup(options: Partial<AdminAuthOptions> = {}) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'patchbay-admin-')), 'data');
  const db = openDatabase(':memory:');
  return {
    db,
    dataDir,
    auth: new AdminAuth({ db, dataDir, cost: CHEAP, now: () => 1_000_000, log: () => {}, ...options }),
  };
}

async function withPassword(options: Partial<AdminAuthOptions> = {}) {
  const made = setup(options);
  const set = await made.auth.setPassword(
    { setupCode: made.auth.pendingSetupCode()!, password: PASSWORD, repeat: PASSWORD },
    ADMIN,
  );
  return { ...made, token: set.ok ? set.token : undefined };
}

describe('the admin account', () => {
  it('sets the first password only with the setup code, then logs in with it', async () => {
    const { auth, dataDir, db } = setup();
    expect(auth.hasPassword()).toBe(false);
    const code = auth.pendingSetupCode()!;
    expect(
      await auth.setPassword({ setupCode: 'WRONG-CODE', password: PASSWORD, repeat: PASSWORD }, ADMIN),
    ).toMatchObject({ ok: false, status: 401, field: 'setupCode' });
    expect(auth.hasPassword()).toBe(false);
    const set = await auth.setPassword({ setupCode: code, password: PASSWORD, repeat: PASSWORD }, ADMIN);
    expect(set.ok).toBe(true);
    expect(auth.isLoggedIn(set.ok ? set.token : undefined)).toBe(true);
    // Stored hashed, the code used up.
    const stored = (db.prepare("SELECT value FROM settings WHERE key = 'admin_password'").get() as { value: string })
      .value;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(readSetupCode(dataDir)).toBeNull();
    expect(auth.pendingSetupCode()).toBeNull();

    expect(await auth.login('not the password', ADMIN)).toEqual({
      ok: false,
      status: 401,
      field: 'password',
      error: 'Password is wrong.',
    });
    const login = await auth.login(PASSWORD, ADMIN);
    expect(login.ok && auth.isLoggedIn(login.token)).toBe(true);
  });

  it('names the field and the rule of a password it refuses, and never sets it twice', async () => {
    const { auth } = setup();
    const setupCode = auth.pendingSetupCode()!;
    expect(await auth.setPassword({ setupCode, password: 'short', repeat: 'short' }, ADMIN)).toEqual({
      ok: false,
      status: 400,
      field: 'password',
      error: 'Password must be at least 12 characters long (this one has 5).',
    });
    expect(await auth.setPassword({ setupCode, password: PASSWORD, repeat: `${PASSWORD}!` }, ADMIN)).toEqual({
      ok: false,
      status: 400,
      field: 'repeat',
      error: 'Repeat password must be the same as Password.',
    });
    expect((await auth.setPassword({ setupCode, password: PASSWORD, repeat: PASSWORD }, ADMIN)).ok).toBe(true);
    expect(
      await auth.setPassword({ setupCode, password: 'another long password', repeat: 'another long password' }, ADMIN),
    ).toMatchObject({ ok: false, status: 409 });
    expect((await auth.login(PASSWORD, ADMIN)).ok).toBe(true);
  });

  it('says to set a password first when there is none', async () => {
    expect(await setup().auth.login(PASSWORD, ADMIN)).toMatchObject({
      ok: false,
      status: 409,
      error: 'No admin password yet: set one first.',
    });
  });
});

describe('wrong passwords (issue 14, finding 2)', () => {
  it('let the admin in from another address right after someone else guessed (it was 429 for a minute)', async () => {
    const { auth } = await withPassword();
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push(await auth.login(`wrong ${i}`, GUESSER));
    expect(guesses.map((g) => (g.ok ? 200 : g.status))).toEqual([401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
    expect((await auth.login(PASSWORD, ADMIN)).ok).toBe(true);
  });

  it('slow down their sender by a growing delay, after which the right password is checked and starts the count over', async () => {
    let now = 1_000_000;
    const { auth } = await withPassword({ now: () => now });
    for (let i = 0; i < 4; i++) expect(await auth.login(`wrong ${i}`, ADMIN)).toMatchObject({ status: 401 }); // 3 free, the 4th costs 1 s
    expect(await auth.login(PASSWORD, ADMIN)).toEqual({
      ok: false,
      status: 429,
      error: 'Too many wrong attempts from your address (4 in a row): the next one is checked in 1 s.',
      retryAfterS: 1,
    });
    now += 1000;
    expect(await auth.login('wrong again', ADMIN)).toMatchObject({ status: 401 });
    expect(await auth.login(PASSWORD, ADMIN)).toMatchObject({ status: 429, retryAfterS: 2 });
    now += 2000;
    expect((await auth.login(PASSWORD, ADMIN)).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(await auth.login(`typo ${i}`, ADMIN)).toMatchObject({ status: 401 }); // free again
  });

  it('count wrong setup codes against the same limit', async () => {
    const { auth } = setup();
    auth.pendingSetupCode();
    for (let i = 0; i < 4; i++)
      await auth.setPassword({ setupCode: `guess-${i}`, password: PASSWORD, repeat: PASSWORD }, GUESSER);
    expect(await auth.setPassword({ setupCode: 'guess', password: PASSWORD, repeat: PASSWORD }, GUESSER)).toMatchObject(
      { status: 429, retryAfterS: 1 },
    );
  });

  it('sent 60 at once run scrypt at most 4 times, from one address or from 60 (it was 60 times, 12 s, +135 MB)', async () => {
    let verifications = 0;
    const verify = (password: string, stored: string) => {
      verifications++;
      return verifyPassword(password, stored);
    };
    const oneAddress = await withPassword({ verify, now: Date.now });
    const fromOne = await Promise.all(
      Array.from({ length: 60 }, (_, i) => oneAddress.auth.login(`wrong ${i}`, GUESSER)),
    );
    // 4 get into the queue (the rest are refused before hashing); the 3 free failures let all 4 be checked.
    expect(verifications).toBeLessThanOrEqual(4);
    expect(fromOne.filter((r) => !r.ok && r.status === 429)).toHaveLength(56);

    verifications = 0;
    const manyAddresses = await withPassword({ verify, now: Date.now });
    const fromMany = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        manyAddresses.auth.login(`wrong ${i}`, { address: `198.51.100.${i}`, userAgent: null }),
      ),
    );
    expect(verifications).toBeLessThanOrEqual(4);
    expect(fromMany.filter((r) => !r.ok && r.status === 429)).toHaveLength(56);
    expect(fromMany.find((r) => !r.ok && r.status === 429)).toMatchObject({
      error: 'Too many password checks at once (4 in progress or waiting): try again in a second.',
      retryAfterS: 1,
    });
  });
});

describe('sessions (issue 14, finding 3)', () => {
  it('end only the one logged out of', async () => {
    const { auth, token } = await withPassword();
    const other = await auth.login(PASSWORD, GUESSER);
    expect(auth.logout(token)).toBe(true);
    expect(auth.isLoggedIn(token)).toBe(false);
    expect(auth.isLoggedIn(other.ok ? other.token : undefined)).toBe(true);
  });

  it('cannot be ended by a logout without one', async () => {
    const { auth, token } = await withPassword();
    expect(auth.logout(undefined)).toBe(false);
    expect(auth.logout('x'.repeat(43))).toBe(false);
    expect(auth.isLoggedIn(token)).toBe(true);
  });

  it('remember the browser and address they were made for', async () => {
    const { auth, token } = await withPassword();
    expect(auth.session(token)).toMatchObject({
      userAgent: 'Firefox',
      clientAddress: '192.168.1.20',
      createdAt: 1_000_000,
    });
  });

  it('expire after twelve hours', async () => {
    let now = 1_000_000;
    const { auth, token } = await withPassword({ now: () => now });
    now += 12 * 60 * 60 * 1000 - 1;
    expect(auth.isLoggedIn(token)).toBe(true);
    now += 1;
    expect(auth.isLoggedIn(token)).toBe(false);
  });
});
