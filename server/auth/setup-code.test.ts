import { describe, expect, it } from 'vitest';
import { generateSetupCode, setupCodeMatches } from './setup-code';

describe('setup code', () => {
  it('is 16 unambiguous characters in groups of four, different every time', () => {
    const code = generateSetupCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(generateSetupCode()).not.toBe(code);
  });

  it('matches the code as typed, and nothing else', () => {
    expect(setupCodeMatches('ABCD-EFGH-JKLM-NPQR', 'abcd efgh jklm npqr')).toBe(true);
    expect(setupCodeMatches('ABCD-EFGH-JKLM-NPQR', 'ABCD-EFGH-JKLM-NPQS')).toBe(false);
    expect(setupCodeMatches('ABCD-EFGH-JKLM-NPQR', '')).toBe(false);
    expect(setupCodeMatches('', '')).toBe(false);
  });
});
