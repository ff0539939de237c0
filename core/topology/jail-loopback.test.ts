import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { withJailLoopbacks } from './jail-loopback';

describe('withJailLoopbacks', () => {
  it('gives a jail without lo0 the usual one, up with 127.0.0.1/8, and leaves drawn ones alone', () => {
    const t = blogNetwork();
    const snort = t.stacks.find((s) => s.id === 'snort')!;
    snort.interfaces = snort.interfaces.filter((i) => i.name !== 'lo0');
    const www = t.stacks.find((s) => s.id === 'www')!;
    www.interfaces.find((i) => i.name === 'lo0')!.addresses = ['127.0.0.2/8'];
    const out = withJailLoopbacks(t);
    expect(out.stacks.find((s) => s.id === 'snort')!.interfaces[0]).toEqual({
      kind: 'loopback',
      id: 'snort:lo0',
      name: 'lo0',
      up: true,
      addresses: ['127.0.0.1/8'],
    });
    expect(out.stacks.find((s) => s.id === 'www')!.interfaces.find((i) => i.name === 'lo0')!.addresses).toEqual([
      '127.0.0.2/8',
    ]);
    expect(out.stacks.find((s) => s.kind === 'host')).toBe(t.stacks.find((s) => s.kind === 'host'));
    expect(withJailLoopbacks(blogNetwork()).stacks.map((s) => s.interfaces.length)).toEqual(
      blogNetwork().stacks.map((s) => s.interfaces.length),
    );
  });
});
