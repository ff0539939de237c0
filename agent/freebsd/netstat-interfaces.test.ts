import { describe, expect, it } from 'vitest';
import { parseNetstatInterfaces } from './netstat-interfaces';
import { ParseError } from './parse-error';
import { fixture } from './test-fixtures';

describe('parseNetstatInterfaces', () => {
  it('takes totals from the <Link#N> rows of the riemann sample only', () => {
    const rows = parseNetstatInterfaces(fixture('netstat-inb-libxo-json-riemann.json'));
    expect(rows.map((r) => r.name)).toEqual(['vtnet0', 'lo0']);
    expect(rows[0]).toEqual({
      name: 'vtnet0',
      linkIndex: 1,
      mtu: 1500,
      address: '96:00:00:7b:2f:db',
      flags: '0x8863',
      receivedPackets: 14409097n,
      receivedErrors: 0n,
      droppedPackets: 0n,
      receivedBytes: 3661133356n,
      sentPackets: 14006498n,
      sentErrors: 0n,
      sentBytes: 4606661018n,
      collisions: 0n,
    });
    expect(rows[1]).toMatchObject({ name: 'lo0', linkIndex: 2, mtu: 16384, address: 'lo0', flags: '0x8049' });
    // Both above 2^32.
    expect(rows[1]?.receivedBytes).toBe(7314451024n);
    expect(rows[1]?.sentBytes).toBe(7314451024n);
  });

  it('keeps a 64-bit counter at its maximum without precision loss', () => {
    const text =
      '{"statistics": {"interface": [{"name":"epair0a","flags":"0x8863","mtu":1500,"network":"<Link#5>",' +
      '"received-packets":18446744073709551615,"received-errors":0,"dropped-packets":0,"received-bytes":18446744073709551614,' +
      '"sent-packets":1,"send-errors":0,"sent-bytes":9007199254740993,"collisions":0}]}}\n';
    const [row] = parseNetstatInterfaces(text);
    expect(row?.receivedPackets).toBe(18446744073709551615n);
    expect(row?.receivedBytes).toBe(18446744073709551614n);
    expect(row?.sentBytes).toBe(9007199254740993n);
    // No "address" key when the link has none (docs/freebsd.md §3.2).
    expect(row && 'address' in row).toBe(false);
  });

  it('ignores unknown keys such as a future "__version"', () => {
    const text =
      '{"__version": "1", "statistics": {"interface": [{"name":"bridge0","flags":"0x8843","mtu":1500,"network":"<Link#3>","address":"58:9c:fc:10:ff:db",' +
      '"received-packets":1,"received-errors":0,"dropped-packets":0,"received-bytes":2,"sent-packets":3,"send-errors":0,"sent-bytes":4,"collisions":0,"new-key":"x"}]}}';
    expect(parseNetstatInterfaces(text)).toHaveLength(1);
  });

  it('throws when the statistics.interface list is missing', () => {
    expect(() => parseNetstatInterfaces('{"statistics": {}}')).toThrow(ParseError);
    expect(() => parseNetstatInterfaces('{"statistics": {}}')).toThrow(
      /netstat: line 1: expected a "statistics": \{"interface"/,
    );
  });

  it('throws on garbage text with the netstat command and line', () => {
    expect(() => parseNetstatInterfaces('Name    Mtu Network       Address\n')).toThrow(
      expect.objectContaining({ command: 'netstat', line: 1 }),
    );
    expect(() => parseNetstatInterfaces('')).toThrow(expect.objectContaining({ command: 'netstat', line: 0 }));
  });

  it('throws when a link row lacks byte counters (netstat run without -b)', () => {
    const text =
      '{"statistics": {"interface": [\n{"name":"lo0","flags":"0x8049","mtu":16384,"network":"<Link#2>","address":"lo0",' +
      '"received-packets":1,"received-errors":0,"dropped-packets":0,"sent-packets":1,"send-errors":0,"collisions":0}]}}';
    expect(() => parseNetstatInterfaces(text)).toThrow(
      expect.objectContaining({ command: 'netstat', line: 2, expected: expect.stringContaining('"received-bytes"') }),
    );
  });

  it('throws on a counter printed as a string (the -h form)', () => {
    const text =
      '{"statistics": {"interface": [{"name":"lo0","flags":"0x8049","network":"<Link#2>","received-packets":"1.2M",' +
      '"received-errors":0,"dropped-packets":0,"received-bytes":1,"sent-packets":1,"send-errors":0,"sent-bytes":1,"collisions":0}]}}';
    expect(() => parseNetstatInterfaces(text)).toThrow(
      expect.objectContaining({ expected: expect.stringContaining('"received-packets"') }),
    );
  });
});

describe('parseNetstatInterfaces fast path', () => {
  it('agrees with the exact reader on every counter, 64-bit values included (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { formatNetstatLibxo } = await import('./netstat-format');
    const { parseNetstatInterfaces, parseNetstatInterfacesExact } = await import('./netstat-interfaces');
    const counter = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: 0n, max: 2n ** 53n + 10n }),
      fc.constantFrom(0n, 9007199254740993n, 999999999999999n, 1000000000000000n),
    );
    const iface = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
      index: fc.integer({ min: 1, max: 5000 }),
      receivedPackets: counter,
      receivedBytes: counter,
      sentPackets: counter,
      sentBytes: counter,
      receivedErrors: counter,
      droppedPackets: counter,
      sendErrors: counter,
      mtu: fc.integer({ min: 72, max: 65535 }),
    });
    fc.assert(
      fc.property(fc.array(iface, { maxLength: 20 }), (interfaces) => {
        const text = formatNetstatLibxo(interfaces);
        expect(parseNetstatInterfaces(text)).toEqual(parseNetstatInterfacesExact(text));
      }),
    );
  });
});
