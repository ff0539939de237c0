import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadToken, TOKEN_ENV, TokenError, tokenMatches } from './token';

const dir = () => mkdtempSync(join(tmpdir(), 'patchbay-token-'));

describe('agent token', () => {
  it('is generated at first start, 64 hex characters, readable by its owner only', () => {
    const file = join(dir(), 'etc', 'agent.token');
    const first = loadToken(file, {});
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadToken(file, {})).toEqual({ token: first.token, source: 'file' });
  });

  it('comes from the environment first, and must be long enough there', () => {
    const file = join(dir(), 'agent.token');
    expect(loadToken(file, { [TOKEN_ENV]: 'e'.repeat(40) })).toEqual({ token: 'e'.repeat(40), source: 'environment' });
    expect(() => loadToken(file, { [TOKEN_ENV]: 'short' })).toThrow(TokenError);
  });

  it('refuses a token file others can read', () => {
    const file = join(dir(), 'agent.token');
    writeFileSync(file, 'x'.repeat(40));
    chmodSync(file, 0o644);
    expect(() => loadToken(file, {})).toThrow(/chmod 600/);
  });

  it('refuses a token file that is a symlink', async () => {
    const { symlinkSync } = await import('node:fs');
    const base = dir();
    const real = join(base, 'real');
    writeFileSync(real, 'y'.repeat(40), { mode: 0o600 });
    const link = join(base, 'agent.token');
    symlinkSync(real, link);
    expect(() => loadToken(link, {})).toThrow();
  });

  it('accepts only the exact bearer token', () => {
    const token = 't'.repeat(40);
    expect(tokenMatches(token, `Bearer ${token}`)).toBe(true);
    for (const header of [
      undefined,
      '',
      token,
      `Bearer ${token} `,
      `bearer ${token}`,
      `Bearer ${token.slice(1)}`,
      `Bearer ${token}t`,
    ]) {
      expect(tokenMatches(token, header), String(header)).toBe(false);
    }
  });
});
