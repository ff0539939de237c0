import { describe, expect, it } from 'vitest';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import { fixture } from '../freebsd/test-fixtures';
import { formatNetstatLibxo, type SyntheticAddress, type SyntheticInterface } from './netstat-format';

interface FixtureRow {
  name: string;
  flags: string;
  mtu?: number;
  network: string;
  address?: string;
  'received-packets': number;
  'received-bytes': number;
  'sent-packets': number;
  'sent-bytes': number;
}

describe('formatNetstatLibxo', () => {
  it('reproduces the riemann fixture byte for byte', () => {
    const original = fixture('netstat-inb-libxo-json-riemann.json');
    // Every value in this fixture is below 2^53, so JSON.parse reads it exactly.
    const rows = (JSON.parse(original) as { statistics: { interface: FixtureRow[] } }).statistics.interface;
    const interfaces: SyntheticInterface[] = [];
    let addresses: SyntheticAddress[] = [];
    for (const row of rows) {
      const counters = {
        receivedPackets: BigInt(row['received-packets']),
        receivedBytes: BigInt(row['received-bytes']),
        sentPackets: BigInt(row['sent-packets']),
        sentBytes: BigInt(row['sent-bytes']),
      };
      const link = /^<Link#(\d+)>$/.exec(row.network);
      if (link) {
        // The address rows of an interface follow its link row.
        addresses = [];
        interfaces.push({
          name: row.name,
          index: Number(link[1]),
          flags: row.flags,
          ...(row.mtu !== undefined ? { mtu: row.mtu } : {}),
          ...(row.address !== undefined ? { linkAddress: row.address } : {}),
          ...counters,
          addresses,
        });
      } else {
        addresses.push({ network: row.network, address: row.address ?? '', ...counters });
      }
    }
    expect(formatNetstatLibxo(interfaces)).toBe(original);
  });

  it('round-trips 64-bit counters through the parser', () => {
    const max = 2n ** 64n - 1n;
    const [parsed] = parseNetstatInterfaces(
      formatNetstatLibxo([
        {
          name: 'epair0a',
          index: 4,
          receivedPackets: max,
          receivedBytes: max - 1n,
          sentPackets: 2n ** 33n,
          sentBytes: 0n,
        },
      ]),
    );
    expect(parsed).toMatchObject({
      name: 'epair0a',
      linkIndex: 4,
      receivedPackets: max,
      receivedBytes: max - 1n,
      sentPackets: 2n ** 33n,
      sentBytes: 0n,
    });
    expect(parsed?.address).toBeUndefined();
  });
});
