import { chmodSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSessionSecret, ensureSetupCode, hasValidSession, readSessionSecret, readSetupCode, removeSetupCode, replaceSessionSecret } from './auth-files';
import { signSession } from './session';

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'patchbay-auth-')), 'data');

describe('secrets in the data directory', () => {
  it('generates the session secret once, 0600, and keeps it', () => {
    const dir = dataDir();
    expect(readSessionSecret(dir)).toBeNull();
    const secret = ensureSessionSecret(dir);
    expect(secret).toHaveLength(32);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(ensureSessionSecret(dir).equals(secret)).toBe(true);
  });

  it('ends every session when the secret is replaced', () => {
    const dir = dataDir();
    const token = signSession(ensureSessionSecret(dir));
    expect(hasValidSession(dir, token)).toBe(true);
    replaceSessionSecret(dir);
    expect(hasValidSession(dir, token)).toBe(false);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['session-secret']); // no temporary file left behind
  });

  it('has no valid session before any secret exists', () => {
    expect(hasValidSession(dataDir(), 'anything')).toBe(false);
  });

  it('writes the setup code at first need, says where, and removes it when done', () => {
    const dir = dataDir();
    const lines: string[] = [];
    const code = ensureSetupCode(dir, (line) => lines.push(line));
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(lines).toEqual([expect.stringContaining(join(dir, 'setup-code'))]);
    expect(statSync(join(dir, 'setup-code')).mode & 0o777).toBe(0o600);
    expect(ensureSetupCode(dir, (line) => lines.push(line))).toBe(code);
    expect(lines).toHaveLength(1);
    removeSetupCode(dir);
    expect(readSetupCode(dir)).toBeNull();
  });

  it('refuses a secret file others can read, or a symlink', () => {
    const dir = dataDir();
    ensureSessionSecret(dir);
    chmodSync(join(dir, 'session-secret'), 0o644);
    expect(() => readSessionSecret(dir)).toThrow(/chmod 600/);
    const other = dataDir();
    ensureSetupCode(dir, () => {});
    ensureSessionSecret(other);
    symlinkSync(join(dir, 'setup-code'), join(other, 'setup-code'));
    expect(() => readSetupCode(other)).toThrow(/symlink/);
  });
});
