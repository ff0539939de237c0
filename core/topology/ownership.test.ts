import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markDescription, readDescription } from './ownership';

describe('ownership mark', () => {
  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (description) => {
        expect(readDescription(markDescription(description))).toEqual(
          description === undefined ? { owned: true } : { owned: true, description },
        );
      }),
    );
  });

  it('reads back the cable an epair end belongs to', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,14}$/);
    fc.assert(
      fc.property(name, name, fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (a, b, description) => {
        const read = readDescription(markDescription(description, { a, b }));
        expect(read).toEqual({ owned: true, cable: { a, b }, ...(description === undefined ? {} : { description }) });
      }),
    );
    expect(markDescription('jails', { a: 'e0a_www', b: 'e0b_www' })).toBe('patchbay epair e0a_www/e0b_www: jails');
  });

  it('leaves foreign descriptions foreign', () => {
    expect(readDescription('vnet0 host interface for Bastille jail jail01')).toEqual({
      owned: false,
      description: 'vnet0 host interface for Bastille jail jail01',
    });
    expect(readDescription('patchbayish')).toEqual({ owned: false, description: 'patchbayish' });
    expect(readDescription(undefined)).toEqual({ owned: false });
  });
});
