import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { cableMac, cableOf, isKernelEpairName } from './cable';

describe('cables', () => {
  it('knows the kernel name form and nothing else', () => {
    expect(['epair0a', 'epair12b'].map(isKernelEpairName)).toEqual([true, true]);
    expect(['epair0', 'e0a_www', 'epair0ab', 'xepair0a'].map(isKernelEpairName)).toEqual([false, false, false, false]);
  });

  it('names a cable by its two ends, whichever end asks', () => {
    const t = blogNetwork();
    const a = t.stacks[0]!.interfaces.find((i) => i.id === 'host:e0a_tor_relay');
    const b = t.stacks.find((s) => s.id === 'tor')!.interfaces.find((i) => i.id === 'tor:e0b_tor_relay');
    if (a?.kind !== 'epair' || b?.kind !== 'epair') throw new Error('demo changed');
    expect(cableOf(t, a)).toEqual({ a: 'e0a_tor_relay', b: 'e0b_tor_relay' });
    expect(cableOf(t, b)).toEqual({ a: 'e0a_tor_relay', b: 'e0b_tor_relay' });
  });

  it('derives locally administered unicast MACs, a and b alike but for the last byte, stable per host and cable', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/);
    fc.assert(
      fc.property(name, name, name, (host, a, b) => {
        const macA = cableMac(host, { a, b }, 'a');
        const macB = cableMac(host, { a, b }, 'b');
        expect(macA).toMatch(/^02(:[0-9a-f]{2}){4}:0a$/);
        expect(macB).toBe(`${macA.slice(0, -2)}0b`);
        expect(cableMac(host, { a, b }, 'a')).toBe(macA);
      }),
    );
    expect(cableMac('one.example.org', { a: 'e0a_x', b: 'e0b_x' }, 'a')).not.toBe(
      cableMac('two.example.org', { a: 'e0a_x', b: 'e0b_x' }, 'a'),
    );
  });
});
