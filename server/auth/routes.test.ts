import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../app/api/auth/login/route';
import { POST as logout } from '../../app/api/auth/logout/route';
import { GET as status } from '../../app/api/auth/session/route';
import { GET as listSessions } from '../../app/api/auth/sessions/route';
import { POST as revoke } from '../../app/api/auth/sessions/revoke/route';
import { dataDirectory, sharedDatabase } from '../storage/database';
import { AdminAuth } from './admin';
import { sessionStore } from './session-store';

// The /api/auth route handlers as Next calls them (app/ is outside vitest's test folders).

const PASSWORD = 'a long enough password';
const BASE = 'http://localhost:3000';

beforeAll(async () => {
  process.env.PATCHBAY_DATA_DIR = join(mkdtempSync(join(tmpdir(), 'patchbay-routes-')), 'data');
  // The process's AdminAuth, with a cheap scrypt so the tests are quick.
  const auth = new AdminAuth({
    db: sharedDatabase(),
    dataDir: dataDirectory(),
    sessions: sessionStore(),
    cost: { N: 1024, r: 8, p: 1 },
    log: () => {},
  });
  (globalThis as { patchbayAdminAuth?: AdminAuth }).patchbayAdminAuth = auth;
  await auth.setPassword(
    { setupCode: auth.pendingSetupCode()!, password: PASSWORD, repeat: PASSWORD },
    { address: '127.0.0.1', userAgent: null },
  );
});

const post = (path: string, body: unknown, cookie?: string, userAgent = 'Firefox') =>
  new Request(`${BASE}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...(cookie ? { cookie } : {}) },
  });
const get = (path: string, cookie?: string) => new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} });

/** Logs in and returns the Cookie header to send back. */
async function newSession(userAgent = 'Firefox'): Promise<string> {
  const response = await login(post('/api/auth/login', { password: PASSWORD }, undefined, userAgent));
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
const loggedIn = async (cookie: string) =>
  ((await status(get('/api/auth/session', cookie)).json()) as { loggedIn: boolean }).loggedIn;

describe('POST /api/auth/logout (issue 14, finding 3)', () => {
  it("without a session is refused with 401 and ends nobody's session (it ended every one)", async () => {
    const admin = await newSession();
    const response = logout(post('/api/auth/logout', {}));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'Logging out needs a session: this browser is not logged in (log in at /login).',
    });
    expect(await loggedIn(admin)).toBe(true);
  });

  it('with a session ends that one only, and clears its cookie', async () => {
    const [mine, other] = [await newSession(), await newSession('Chromium')];
    const response = logout(post('/api/auth/logout', {}, mine));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^patchbay_session=; .*Max-Age=0/);
    expect(await loggedIn(mine)).toBe(false);
    expect(await loggedIn(other)).toBe(true);
  });
});

describe('the session list', () => {
  it('needs a session', async () => {
    expect(listSessions(get('/api/auth/sessions')).status).toBe(401);
    expect((await revoke(post('/api/auth/sessions/revoke', { all: true }))).status).toBe(401);
  });

  it('lists live sessions with this browser marked, and revokes another by id', async () => {
    sessionStore().revokeAll();
    const mine = await newSession('Firefox');
    const other = await newSession('Chromium');
    const listed = (await listSessions(get('/api/auth/sessions', mine)).json()) as {
      sessions: { id: string; current: boolean; userAgent: string; clientAddress: string }[];
    };
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions.find((s) => s.current)).toMatchObject({ userAgent: 'Firefox', clientAddress: 'unknown' });
    const otherId = listed.sessions.find((s) => !s.current)!.id;
    const revoked = await revoke(post('/api/auth/sessions/revoke', { id: otherId }, mine));
    expect(await revoked.json()).toEqual({ revoked: 1, endedThisSession: false });
    expect(revoked.headers.get('set-cookie')).toBeNull();
    expect([await loggedIn(mine), await loggedIn(other)]).toEqual([true, false]);
    const again = await revoke(post('/api/auth/sessions/revoke', { id: otherId }, mine));
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({
      error: `No live session has the id "${otherId}" (it may have expired or been revoked already).`,
      field: 'id',
    });
  });

  it('logs out everywhere with { all: true }', async () => {
    const [mine, other] = [await newSession(), await newSession()];
    const response = await revoke(post('/api/auth/sessions/revoke', { all: true }, mine));
    expect(await response.json()).toMatchObject({ endedThisSession: true });
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect([await loggedIn(mine), await loggedIn(other)]).toEqual([false, false]);
  });

  it('says which form of body it takes', async () => {
    const mine = await newSession();
    for (const body of [{}, { all: false }, { id: '' }, { id: 'x', all: true }]) {
      const response = await revoke(post('/api/auth/sessions/revoke', body, mine));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'Send JSON of the form { "id": "<session id>" } or { "all": true }.',
      });
    }
  });
});

describe('POST /api/auth/login', () => {
  it('answers a throttled attempt with 429 and Retry-After', async () => {
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await login(post('/api/auth/login', { password: `wrong ${i}` })));
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 429]);
    expect(responses[4]!.headers.get('retry-after')).toBe('1');
  });
});
