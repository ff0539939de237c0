import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { authResponse, readJsonBody } from './http';

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', body, headers });

describe('auth route helpers', () => {
  it('answers a success with the session cookie, Secure over https', async () => {
    const plain = authResponse({ ok: true, token: 'tok' }, post('http://pb.example/api/auth/login', ''));
    expect(plain.headers.get('set-cookie')).toMatch(
      /^patchbay_session=tok; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect(await plain.json()).toEqual({ ok: true });
    expect(
      authResponse({ ok: true, token: 'tok' }, post('https://pb.example/api/auth/login', '')).headers.get('set-cookie'),
    ).toMatch(/; Secure$/);
    expect(
      authResponse(
        { ok: true, token: 'tok' },
        post('http://pb.example/x', '', { 'x-forwarded-proto': 'https' }),
      ).headers.get('set-cookie'),
    ).toMatch(/; Secure$/);
  });

  it('answers a refusal with its status, error and field, and no cookie', async () => {
    const refused = authResponse(
      { ok: false, status: 401, error: 'Password is wrong.', field: 'password' },
      post('http://pb.example/x', ''),
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.json()).toEqual({ error: 'Password is wrong.', field: 'password' });
    const limited = authResponse(
      { ok: false, status: 429, error: 'Too many', retryAfterS: 42 },
      post('http://pb.example/x', ''),
    );
    expect(limited.headers.get('retry-after')).toBe('42');
  });

  it('reads a JSON body of the expected shape, and says which shape otherwise', async () => {
    const schema = z.strictObject({ password: z.string() });
    expect(await readJsonBody(post('http://pb.example/x', '{"password":"p"}'), schema, '{ "password": "…" }')).toEqual({
      ok: true,
      body: { password: 'p' },
    });
    for (const body of ['not json', '{"password":1}', '{"password":"p","admin":true}']) {
      const read = await readJsonBody(post('http://pb.example/x', body), schema, '{ "password": "…" }');
      expect(read.ok).toBe(false);
      if (!read.ok) expect(await read.response.json()).toEqual({ error: 'Send JSON of the form { "password": "…" }.' });
    }
  });
});
