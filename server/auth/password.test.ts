import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

// A low cost keeps the tests fast; the parameters are read back from the stored hash either way.
const CHEAP = { N: 1024, r: 8, p: 1 };

describe('admin password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', CHEAP);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores the algorithm, its parameters and a random salt with the hash', async () => {
    const a = await hashPassword('same password twice', CHEAP);
    const b = await hashPassword('same password twice', CHEAP);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password twice', b)).toBe(true);
  });

  it('uses the default cost when none is given', async () => {
    expect(await hashPassword('a default-cost password')).toMatch(/^scrypt\$32768\$8\$3\$/);
  });

  it('refuses stored values it did not write, or with parameters out of bounds', async () => {
    await expect(verifyPassword('x', 'plain text')).rejects.toThrow(/not an scrypt hash/);
    await expect(verifyPassword('x', 'scrypt$1000$8$1$c2FsdA$aGFzaA')).rejects.toThrow(/N=1000/);
    await expect(verifyPassword('x', `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`)).rejects.toThrow(/does not accept/);
  });

  it('names the field and the rule when a new password is too short or too long', () => {
    expect(passwordProblem('short')).toBe('Password must be at least 12 characters long (this one has 5).');
    expect(passwordProblem('twelve chars')).toBeNull();
    // Characters, not UTF-16 units: twelve emoji are twelve characters.
    expect(passwordProblem('🔑'.repeat(11))).toMatch(/has 11/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
  });
});
