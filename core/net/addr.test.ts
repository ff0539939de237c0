import { describe, expect, it } from 'vitest';
import { familyOf, formatAddr, inPrefix, lastAddress, network, parseAddr, parsePrefix, scopeOf } from './addr';

describe('Addr: one address type for both families', () => {
  it('keeps IPv4 a number and IPv6 a bigint, and never matches across families', () => {
    const v4 = parsePrefix('10.0.0.1/24')!;
    const v6 = parsePrefix('fd00:10::1/64')!;
    expect(typeof v4.address).toBe('number');
    expect(typeof v6.address).toBe('bigint');
    expect([familyOf(v4.address), familyOf(v6.address)]).toEqual([4, 6]);
    expect(inPrefix(parseAddr('10.0.0.77')!.address, v4.address, 24)).toBe(true);
    expect(inPrefix(parseAddr('fd00:10::beef')!.address, v6.address, 64)).toBe(true);
    expect(inPrefix(parseAddr('fd00:11::1')!.address, v6.address, 64)).toBe(false);
    // ::a00:0 and 10.0.0.0 have the same integer value: still no match.
    expect(inPrefix(0x0a000001n, v4.address, 24)).toBe(false);
    expect(inPrefix(0x0a000001, v6.address, 0)).toBe(false);
  });

  it('computes networks and last addresses in either family, and formats them back', () => {
    expect(formatAddr(network(parsePrefix('192.0.2.77/24')!))).toBe('192.0.2.0');
    expect(formatAddr(lastAddress(parsePrefix('192.0.2.77/24')!))).toBe('192.0.2.255');
    expect(formatAddr(network(parsePrefix('2001:db8:1:2:3::9/48')!))).toBe('2001:db8:1::');
    expect(formatAddr(lastAddress(parsePrefix('2001:db8:1::/48')!))).toBe('2001:db8:1:ffff:ffff:ffff:ffff:ffff');
  });

  it('reads bare addresses as host prefixes, a zone apart, and refuses what is not an address', () => {
    expect(parsePrefix('10.0.0.1')).toEqual({ address: 0x0a000001, bits: 32 });
    expect(parsePrefix('::1')).toEqual({ address: 1n, bits: 128 });
    expect(parseAddr('fe80::1%epair0b')).toEqual({ address: (0xfe80n << 112n) | 1n, zone: 'epair0b' });
    expect(parseAddr('fe80::1')!.address).toBe((0xfe80n << 112n) | 1n);
    for (const bad of ['10.0.0.1/33', 'fd00::/129', 'fe80::1%x/64', '10.0.0', 'fd00::1%', 'x/8'])
      expect(parsePrefix(bad)).toBeUndefined();
  });

  it('tells the scopes apart', () => {
    const scope = (text: string) => scopeOf(parseAddr(text)!.address);
    expect(['::1', 'fe80::1', 'fd00::1', '2001:db8::1', 'ff02::1'].map(scope)).toEqual([
      'loopback',
      'link-local',
      'private',
      'global',
      'multicast',
    ]);
    // The IPv6 scopes by their prefixes, at each prefix's edges and beyond them.
    const ranges: [string, string][] = [
      ['loopback', '::1/128'],
      ['link-local', 'fe80::/10'],
      ['private', 'fc00::/7'],
      ['multicast', 'ff00::/8'],
    ];
    const edges = ranges.flatMap(([, text]) => {
      const prefix = parsePrefix(text)!;
      const last = lastAddress(prefix) as bigint;
      return [
        prefix.address as bigint,
        last,
        (prefix.address as bigint) - 1n,
        last + 1n,
        (prefix.address as bigint) | 77n,
      ];
    });
    for (const address of edges.filter((a) => a > 0n && a < 1n << 128n)) {
      const expected = ranges.find(([, text]) => {
        const prefix = parsePrefix(text)!;
        return inPrefix(address, prefix.address, prefix.bits);
      })?.[0];
      expect(scopeOf(address)).toBe(expected ?? 'global');
    }
    expect(['127.0.0.1', '169.254.1.1', '10.1.2.3', '8.8.8.8'].map(scope)).toEqual([
      'loopback',
      'link-local',
      'private',
      'global',
    ]);
  });
});
