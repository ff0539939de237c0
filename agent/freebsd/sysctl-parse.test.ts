import { describe, expect, it } from 'vitest';
import { parseSysctlValues } from './sysctl-parse';

describe('parseSysctlValues', () => {
  it('pairs `sysctl -n` lines with the names in order', () => {
    expect(parseSysctlValues('1\n0\n', ['net.inet.ip.forwarding', 'net.inet6.ip6.forwarding'])).toEqual({
      'net.inet.ip.forwarding': '1',
      'net.inet6.ip6.forwarding': '0',
    });
    expect(parseSysctlValues('a value with spaces\n', ['kern.version'])).toEqual({
      'kern.version': 'a value with spaces',
    });
  });

  it('rejects too few or too many lines', () => {
    expect(() => parseSysctlValues('1\n', ['a.b', 'c.d'])).toThrow(
      expect.objectContaining({ command: 'sysctl', line: 0 }),
    );
    expect(() => parseSysctlValues('1\n2\n3\n', ['a.b', 'c.d'])).toThrow(
      expect.objectContaining({ command: 'sysctl', line: 3 }),
    );
  });
});
