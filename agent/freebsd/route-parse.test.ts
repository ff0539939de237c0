import { describe, expect, it } from 'vitest';
import { ParseError } from './parse-error';
import { parseRouteAdd } from './route-parse';
import { fixture } from './test-fixtures';

describe('parseRouteAdd', () => {
  it('reads `route add default 192.0.2.3`', () => {
    expect(parseRouteAdd(fixture('route-add-default-12x-journal.txt'))).toEqual([
      { action: 'add', kind: 'net', destination: 'default', gateway: '192.0.2.3' },
    ]);
  });

  it('reads `route add 192.0.2.0/24 192.0.2.1` (printed without /24)', () => {
    expect(parseRouteAdd(fixture('route-add-net-12x-journal.txt'))).toEqual([
      { action: 'add', kind: 'net', destination: '192.0.2.0', gateway: '192.0.2.1' },
    ]);
  });

  it('reads host routes, fib lists and failures (worked out from route.c, unverified)', () => {
    expect(parseRouteAdd('add host 10.0.0.5: gateway 10.0.0.1\n')).toEqual([{ action: 'add', kind: 'host', destination: '10.0.0.5', gateway: '10.0.0.1' }]);
    expect(parseRouteAdd('add net default: gateway 10.0.0.1 fib 0,1\n')).toEqual([
      { action: 'add', kind: 'net', destination: 'default', gateway: '10.0.0.1', fibs: [0, 1] },
    ]);
    expect(parseRouteAdd('add net default: gateway 10.0.0.1 fib 0: route already in table\n')).toEqual([
      { action: 'add', kind: 'net', destination: 'default', gateway: '10.0.0.1', fibs: [0], error: 'route already in table' },
    ]);
    expect(parseRouteAdd('add net 2001:db8::/64: gateway fe80::1%epair0a\n')[0]).toMatchObject({ destination: '2001:db8::/64', gateway: 'fe80::1%epair0a' });
  });

  it('rejects other text with a located ParseError', () => {
    expect(() => parseRouteAdd('route: writing to routing socket: File exists\n')).toThrow(ParseError);
    expect(() => parseRouteAdd('add net default: gateway 10.0.0.1\nnonsense\n')).toThrow(expect.objectContaining({ command: 'route', line: 2 }));
    expect(() => parseRouteAdd('')).toThrow(expect.objectContaining({ command: 'route', line: 0 }));
  });
});
