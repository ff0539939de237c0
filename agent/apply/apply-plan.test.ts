import { describe, expect, it } from 'vitest';
import { substitute } from './apply-plan';

describe('substitute', () => {
  const bindings = { new1: 'epair5a' };

  it('replaces whole-word placeholders and jail vnet.interface values', () => {
    expect(substitute(['ifconfig', '{new1}', 'name', 'e0a_x'], bindings)).toEqual([
      'ifconfig',
      'epair5a',
      'name',
      'e0a_x',
    ]);
    expect(substitute(['ifconfig', '{new1:b}', 'up'], bindings)).toEqual(['ifconfig', 'epair5b', 'up']);
    expect(substitute(['jail', '-c', 'name=j', 'vnet.interface={new1:b}'], bindings)).toEqual([
      'jail',
      '-c',
      'name=j',
      'vnet.interface=epair5b',
    ]);
  });

  it('never rewrites text that merely contains a placeholder', () => {
    expect(substitute(['ifconfig', 'x', 'description', 'patchbay: see {new1} and {new1:b}'], bindings)).toEqual([
      'ifconfig',
      'x',
      'description',
      'patchbay: see {new1} and {new1:b}',
    ]);
    expect(substitute(['ifconfig', '{new2}'], bindings)).toEqual(['ifconfig', '{new2}']);
  });
});
