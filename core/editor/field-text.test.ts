import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { TopologySchema } from '../topology/schema';
import { updateInterface } from './actions';
import { editRefusal, readCount, readMtu } from './field-text';

describe('reading the inspector fields', () => {
  it('refuses "abc" as an MTU in words naming the rule, and never gives NaN', () => {
    const read = readMtu('abc', 'epair');
    expect(read).toEqual({
      ok: false,
      rule: 'interface.mtu.range',
      message: expect.stringMatching(/^"abc" is not a number\. MTU must be a whole number from 72 to 65535/),
    });
  });

  it('refuses 99999999 and a bridge MTU under 576, takes 1500 and empty (the default)', () => {
    expect(readMtu('99999999', 'epair')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/outside 72–65535/),
    });
    expect(readMtu('500', 'bridge')).toMatchObject({ ok: false, rule: 'interface.mtu.range' });
    expect(readMtu(' 1500 ', 'bridge')).toEqual({ ok: true, value: 1500 });
    expect(readMtu('', 'physical')).toEqual({ ok: true, value: undefined });
  });

  it('reads any text as a valid MTU or a refusal, never as a number the schema refuses', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)),
        fc.constantFrom('epair', 'bridge', 'physical', 'loopback' as const),
        (text, kind) => {
          const read = readMtu(text, kind);
          if (!read.ok) return;
          const topology = blogNetwork();
          topology.stacks[0]!.interfaces[0]!.mtu = read.value;
          expect(TopologySchema.safeParse(topology).success).toBe(true);
        },
      ),
    );
  });

  it('reads children.max as a whole number', () => {
    expect(readCount('3', 'children.max')).toEqual({ ok: true, value: 3 });
    expect(readCount('-1', 'children.max')).toMatchObject({
      ok: false,
      message: 'children.max must be a whole number, 0 or more; "-1" is not.',
    });
  });

  it('finds the refusal of an edit Save would not take, at the field', () => {
    const t = blogNetwork();
    const long = updateInterface(t, 'host:ixl0', { description: 'x'.repeat(300) });
    expect(editRefusal(long, ['stacks', 0, 'interfaces', 1, 'description'])).toMatchObject({
      rule: 'schema.too_big',
      message: expect.stringMatching(/stacks\[0\]\.interfaces\[1\]\.description\)$/),
    });
    expect(
      editRefusal(updateInterface(t, 'host:ixl0', { description: 'uplink' }), [
        'stacks',
        0,
        'interfaces',
        1,
        'description',
      ]),
    ).toBeUndefined();
  });
});
