import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  broadcastOf,
  containsAddress,
  formatCidr,
  formatIPv6,
  formatIp,
  isLinkLocal,
  networkOf,
  overlaps,
  parseCidr,
  parseIp,
  parseIPv4,
  parseIPv6,
  type Cidr,
} from './ip';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('IPv4', () => {
  it('parses dotted quads and refuses everything else', () => {
    expect(parseIPv4('192.168.1.10')).toBe(0xc0a8010an);
    expect(parseIPv4('0.0.0.0')).toBe(0n);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '010.0.0.1', '1.2.3.-4', 'a.b.c.d', '', '1..2.3']) {
      expect(parseIPv4(bad), bad).toBeNull();
    }
  });
});

describe('IPv6', () => {
  it('parses full, compressed and v4-embedded forms', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('fe80::1')).toBe((0xfe80n << 112n) | 1n);
    expect(parseIPv6('2001:db8:0:0:0:0:0:1')).toBe(parseIPv6('2001:db8::1'));
    expect(parseIPv6('::ffff:192.0.2.1')).toBe((0xffffn << 32n) | 0xc0000201n);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7', ':::']) {
      expect(parseIPv6(bad), bad).toBeNull();
    }
  });

  it('keeps a zone and recognises link-local addresses', () => {
    const parsed = parseIp('fe80::1%bridge0');
    expect(parsed.ok && parsed.value.zone).toBe('bridge0');
    expect(parsed.ok && isLinkLocal(parsed.value)).toBe(true);
    const global = parseIp('2001:db8::1');
    expect(global.ok && isLinkLocal(global.value)).toBe(false);
  });

  it('formats the RFC 5952 way', () => {
    expect(formatIPv6(parseIPv6('2001:0db8:0000:0000:0000:0000:0000:0001')!)).toBe('2001:db8::1');
    expect(formatIPv6(parseIPv6('1:0:0:2:0:0:0:3')!)).toBe('1:0:0:2::3');
    expect(formatIPv6(parseIPv6('1:0:2:3:4:5:6:7')!)).toBe('1:0:2:3:4:5:6:7');
    expect(formatIPv6(0n)).toBe('::');
  });

  it('formats as the WHATWG URL parser serializes an IPv6 host (RFC 5952 compression), for any address', () => {
    // Groups drawn mostly zero, so runs of zeros of every length and position come up.
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const value = groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
        const full = groups.map((g) => g.toString(16)).join(':');
        expect(formatIPv6(value)).toBe(new URL(`http://[${full}]/`).hostname.slice(1, -1));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every address through text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        expect(parseIPv6(formatIPv6(value))).toBe(value);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (value) => {
        const text = formatIp({ family: 4, value });
        expect(parseIPv4(text)).toBe(value);
      }),
    );
  });
});

describe('CIDR', () => {
  it('requires a prefix length within the family', () => {
    expect(parseCidr('10.0.0.1').ok).toBe(false);
    expect(parseCidr('10.0.0.1/33').ok).toBe(false);
    expect(parseCidr('10.0.0.1/024').ok).toBe(false);
    expect(parseCidr('fd00::1/129').ok).toBe(false);
    expect(parseCidr('fe80::1%em0/64').ok).toBe(false);
    expect(formatCidr(cidr('fd00::0001/64'))).toBe('fd00::1/64');
  });

  it('explains what is wrong', () => {
    const parsed = parseCidr('10.0.0.1');
    expect(!parsed.ok && parsed.reason).toMatch(/CIDR form/);
  });

  it('computes network, broadcast, containment and overlap', () => {
    const lan = cidr('192.168.1.10/24');
    expect(formatIp({ family: 4, value: networkOf(lan) })).toBe('192.168.1.0');
    expect(formatIp({ family: 4, value: broadcastOf(lan) })).toBe('192.168.1.255');
    const gw = parseIp('192.168.1.1');
    expect(gw.ok && containsAddress(lan, gw.value)).toBe(true);
    const off = parseIp('192.168.2.1');
    expect(off.ok && containsAddress(lan, off.value)).toBe(false);
    expect(overlaps(cidr('10.0.0.1/24'), cidr('10.0.0.129/25'))).toBe(true);
    expect(overlaps(cidr('10.0.0.1/25'), cidr('10.0.0.129/25'))).toBe(false);
    expect(overlaps(cidr('10.0.0.1/8'), cidr('fd00::1/8'))).toBe(false);
  });

  it('overlap is symmetric and agrees with containment of network addresses', () => {
    const v4 = fc.record({
      address: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
      prefix: fc.integer({ min: 0, max: 32 }),
    });
    fc.assert(
      fc.property(v4, v4, (a, b) => {
        const ca: Cidr = { family: 4, ...a };
        const cb: Cidr = { family: 4, ...b };
        const expected =
          containsAddress(ca, { family: 4, value: networkOf(cb) }) ||
          containsAddress(cb, { family: 4, value: networkOf(ca) });
        expect(overlaps(ca, cb)).toBe(expected);
        expect(overlaps(cb, ca)).toBe(expected);
      }),
    );
  });
});
