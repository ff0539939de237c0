import { describe, expect, it } from 'vitest';
import { ParseError } from './parse-error';
import { parseSysctlNamed, parseSysctlSet, parseSysctlValues } from './sysctl-parse';
import { fixture } from './test-fixtures';

describe('parseSysctlSet', () => {
  it('reads the four `name: old -> new` lines of the Journal loop', () => {
    const changes = parseSysctlSet(fixture('sysctl-ip-forwarding-set-x4-12x-journal.txt'));
    expect(changes).toHaveLength(4);
    for (const change of changes) expect(change).toEqual({ name: 'net.inet.ip.forwarding', oldValue: '0', newValue: '1' });
  });

  it('rejects a line without the arrow, naming sysctl and the line', () => {
    expect(() => parseSysctlSet('net.inet.ip.forwarding: 0 -> 1\nnet.inet.ip.forwarding: 1\n')).toThrow(
      expect.objectContaining({ command: 'sysctl', line: 2, expected: '"<name>: <old> -> <new>"' }),
    );
  });
});

describe('parseSysctlNamed', () => {
  it('reads `name: value` lines, values with spaces and empty values', () => {
    const text = 'net.inet.ip.forwarding: 1\nnet.link.bridge.pfil_member: 0\nkern.hostname: \ndev.em.0.%desc: Intel(R) PRO/1000 Network Connection\n';
    expect(parseSysctlNamed(text)).toEqual({
      'net.inet.ip.forwarding': '1',
      'net.link.bridge.pfil_member': '0',
      'kern.hostname': '',
      'dev.em.0.%desc': 'Intel(R) PRO/1000 Network Connection',
    });
  });

  it('rejects a line that is not `name: value`', () => {
    expect(() => parseSysctlNamed('net.inet.ip.forwarding: 1\n1\n')).toThrow(ParseError);
    expect(() => parseSysctlNamed('net.inet.ip.forwarding: 1\n1\n')).toThrow(expect.objectContaining({ command: 'sysctl', line: 2 }));
    expect(() => parseSysctlNamed("oid 'x' is read only\n")).toThrow(expect.objectContaining({ line: 1 }));
  });
});

describe('parseSysctlValues', () => {
  it('pairs `sysctl -n` lines with the names in order', () => {
    expect(parseSysctlValues('1\n0\n', ['net.inet.ip.forwarding', 'net.inet6.ip6.forwarding'])).toEqual({
      'net.inet.ip.forwarding': '1',
      'net.inet6.ip6.forwarding': '0',
    });
    expect(parseSysctlValues('a value with spaces\n', ['kern.version'])).toEqual({ 'kern.version': 'a value with spaces' });
  });

  it('rejects too few or too many lines', () => {
    expect(() => parseSysctlValues('1\n', ['a.b', 'c.d'])).toThrow(expect.objectContaining({ command: 'sysctl', line: 0 }));
    expect(() => parseSysctlValues('1\n2\n3\n', ['a.b', 'c.d'])).toThrow(expect.objectContaining({ command: 'sysctl', line: 3 }));
  });
});
