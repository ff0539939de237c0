import { chmodSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSetupCode, readSetupCode, removeSetupCode } from './auth-files';

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'patchbay-auth-')), 'data');

describe('the setup code file in the data directory', () => {
  it('writes the setup code at first need, 0600 in a 0700 directory, says where, and removes it when done', () => {
    const dir = dataDir();
    const lines: string[] = [];
    const code = ensureSetupCode(dir, (line) => lines.push(line));
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(lines).toEqual([expect.stringContaining(join(dir, 'setup-code'))]);
    expect(statSync(join(dir, 'setup-code')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(ensureSetupCode(dir, (line) => lines.push(line))).toBe(code);
    expect(lines).toHaveLength(1);
    removeSetupCode(dir);
    expect(readSetupCode(dir)).toBeNull();
  });

  it('refuses a code file others can read, or a symlink', () => {
    const dir = dataDir();
    ensureSetupCode(dir, () => {});
    chmodSync(join(dir, 'setup-code'), 0o644);
    expect(() => readSetupCode(dir)).toThrow(/chmod 600/);
    chmodSync(join(dir, 'setup-code'), 0o600);
    const other = dataDir();
    ensureSetupCode(other, () => {});
    removeSetupCode(other);
    symlinkSync(join(dir, 'setup-code'), join(other, 'setup-code'));
    expect(() => readSetupCode(other)).toThrow(/symlink/);
  });
});
