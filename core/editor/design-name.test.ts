import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESIGN_NAME_MAX, readDesignName } from './design-name';

describe('readDesignName', () => {
  it('keeps any printable name up to the limit, trimmed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: DESIGN_NAME_MAX }), (raw) => {
        const name = raw.replace(/[\u0000-\u001f\u007f]/g, 'x').trim();
        fc.pre(name !== '');
        expect(readDesignName(`  ${name} `)).toEqual({ ok: true, name });
      }),
    );
  });

  it.each([
    ['', /Design name is empty/],
    ['   ', /Design name is empty/],
    ['x'.repeat(DESIGN_NAME_MAX + 1), /121 characters; design names are at most 120/],
    ['lab\nnight', /control character/],
  ])('refuses %j, naming the field and the rule', (text, reason) => {
    const read = readDesignName(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });
});
