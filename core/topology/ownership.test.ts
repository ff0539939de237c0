import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markDescription, readDescription } from './ownership';

describe('ownership mark', () => {
  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (description) => {
        expect(readDescription(markDescription(description))).toEqual(description === undefined ? { owned: true } : { owned: true, description });
      }),
    );
  });

  it('leaves foreign descriptions foreign', () => {
    expect(readDescription('vnet0 host interface for Bastille jail jail01')).toEqual({ owned: false, description: 'vnet0 host interface for Bastille jail jail01' });
    expect(readDescription('patchbayish')).toEqual({ owned: false, description: 'patchbayish' });
    expect(readDescription(undefined)).toEqual({ owned: false });
  });
});
