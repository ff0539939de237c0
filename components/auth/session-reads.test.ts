import { describe, expect, it } from 'vitest';
import { readLoggedIn, readSessions } from './session-reads';

const answering = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });
const unreachable = async (): Promise<Response> => {
  throw new TypeError('fetch failed');
};

describe('reading the sessions', () => {
  it('lists them when the server does', async () => {
    const sessions = [
      {
        id: 's1',
        createdAt: 1,
        lastSeenAt: 2,
        expiresAt: 3,
        userAgent: 'x',
        clientAddress: '127.0.0.1',
        current: true,
      },
    ];
    expect(await readSessions(answering(200, { sessions }))).toEqual({ state: 'ready', sessions });
  });

  it("says the server's refusal, its status, or that it cannot be reached", async () => {
    expect(await readSessions(answering(401, { error: 'Login required.' }))).toEqual({
      state: 'logged-out',
      error: 'Login required.',
    });
    expect(await readSessions(answering(500, {}))).toEqual({ state: 'logged-out', error: 'The server answered 500.' });
    expect(await readSessions(unreachable)).toEqual({
      state: 'logged-out',
      error: 'The dashboard cannot be reached; is it running?',
    });
  });
});

describe('whether this browser is logged in', () => {
  it('only when the server says so', async () => {
    expect(await readLoggedIn(answering(200, { loggedIn: true }))).toBe(true);
    expect(await readLoggedIn(answering(200, { loggedIn: false }))).toBe(false);
    expect(await readLoggedIn(unreachable)).toBe(false);
  });
});
