// `netstat -i -b -n --libxo json` text, byte for byte in the format of the fixture
// netstat-inb-libxo-json-riemann.json (docs/freebsd.md §3.2): leaf members "k":v with no spaces,
// list instances separated by ", ", one line ending in "\n". The one writer of this format: the
// emulator prints its interfaces with it, and tests and the benchmark make counters no host would reach.

export interface SyntheticCounters {
  receivedPackets: bigint;
  receivedBytes: bigint;
  sentPackets: bigint;
  sentBytes: bigint;
}

export interface SyntheticAddress extends SyntheticCounters {
  /** "10.0.0.0/24", "fe80::%vtnet0/64". */
  network: string;
  address: string;
}

export interface SyntheticInterface extends SyntheticCounters {
  name: string;
  /** ifindex, printed as "<Link#N>". */
  index: number;
  /** As printed, e.g. "0x8863" (the default). */
  flags?: string;
  mtu?: number;
  /** MAC (or "lo0" for the loopback); left out of the row when absent, as netstat does. */
  linkAddress?: string;
  receivedErrors?: bigint;
  droppedPackets?: bigint;
  sendErrors?: bigint;
  collisions?: bigint;
  /** Address rows after the link row; their counters are per address, not the interface's. */
  addresses?: readonly SyntheticAddress[];
}

const text = (key: string, value: string) => `"${key}":${JSON.stringify(value)}`;
const integer = (key: string, value: bigint | number) => `"${key}":${value.toString()}`;

function linkRow(i: SyntheticInterface, flags: string): string {
  return `{${[
    text('name', i.name),
    text('flags', flags),
    integer('mtu', i.mtu ?? 1500),
    text('network', `<Link#${i.index}>`),
    ...(i.linkAddress === undefined ? [] : [text('address', i.linkAddress)]),
    integer('received-packets', i.receivedPackets),
    integer('received-errors', i.receivedErrors ?? 0n),
    integer('dropped-packets', i.droppedPackets ?? 0n),
    integer('received-bytes', i.receivedBytes),
    integer('sent-packets', i.sentPackets),
    integer('send-errors', i.sendErrors ?? 0n),
    integer('sent-bytes', i.sentBytes),
    integer('collisions', i.collisions ?? 0n),
  ].join(',')}}`;
}

function addressRow(i: SyntheticInterface, flags: string, a: SyntheticAddress): string {
  return `{${[
    text('name', i.name),
    text('flags', flags),
    text('network', a.network),
    text('address', a.address),
    integer('received-packets', a.receivedPackets),
    integer('received-bytes', a.receivedBytes),
    integer('sent-packets', a.sentPackets),
    integer('sent-bytes', a.sentBytes),
  ].join(',')}}`;
}

export function formatNetstatLibxo(interfaces: readonly SyntheticInterface[]): string {
  const rows = interfaces.flatMap((i) => {
    const flags = i.flags ?? '0x8863';
    return [linkRow(i, flags), ...(i.addresses ?? []).map((a) => addressRow(i, flags, a))];
  });
  return `{"statistics": {"interface": [${rows.join(', ')}]}}\n`;
}
