// Interface totals from `netstat -i -b -n --libxo json` (reference/freebsd.md §3.2).
//
// Shape (verbatim fixture netstat-inb-libxo-json-riemann.json):
//   {"statistics": {"interface": [ {row}, {row}, ... ]}}
// There is one row per (interface, address). Only the AF_LINK row ("network":"<Link#N>") carries
// the interface-wide counters, so totals come from those rows and address rows are skipped.
// Counters are 64-bit; they are read as bigint from the raw text (see libxo-json.ts).
import { describeJson, isJsonObject, parseLibxoJson, type JsonObject, type JsonValue } from './libxo-json';
import { ParseError } from './parse-error';
import type { InterfaceCounters } from './types';

const COMMAND = 'netstat';
const LINK_NETWORK = /^<Link#(\d+)>$/;

/** The counters of a <Link#> row; JSON key names from usr.bin/netstat/if.c (§3.2). */
type Counters = Omit<InterfaceCounters, 'name' | 'linkIndex' | 'mtu' | 'address' | 'flags'>;

export function parseNetstatInterfaces(text: string): InterfaceCounters[] {
  const doc = parseLibxoJson(text, COMMAND);
  const statistics = isJsonObject(doc.root) ? doc.root['statistics'] : undefined;
  const rows = isJsonObject(statistics) ? statistics['interface'] : undefined;
  if (!Array.isArray(rows)) {
    throw new ParseError(COMMAND, isJsonObject(doc.root) ? doc.lineOf(doc.root) : 0, 'a "statistics": {"interface": [...]} list', describeJson(doc.root));
  }

  const result: InterfaceCounters[] = [];
  for (const row of rows) {
    if (!isJsonObject(row)) throw new ParseError(COMMAND, doc.lineOf(rows), 'an interface row object', describeJson(row));
    const reject = (expected: string): never => {
      throw new ParseError(COMMAND, doc.lineOf(row), expected, describeJson(row));
    };
    const network = row['network'];
    if (typeof network !== 'string') return reject('a "network" string on every row');
    const link = LINK_NETWORK.exec(network);
    if (!link) continue; // an address row: per-address counters only

    const name = row['name'];
    const flags = row['flags'];
    if (typeof name !== 'string' || name === '') return reject('a "name" string');
    if (typeof flags !== 'string') return reject('a "flags" string such as "0x8863"');
    const counters = readCounters(row, reject);
    const mtu = row['mtu'];
    const address = row['address'];
    result.push({
      name,
      linkIndex: Number(link[1]),
      ...(typeof mtu === 'bigint' ? { mtu: Number(mtu) } : {}),
      // Left out by netstat when the link has no address (§3.2).
      ...(typeof address === 'string' ? { address } : {}),
      flags,
      ...counters,
    });
  }
  return result;
}

function readCounters(row: JsonObject, reject: (expected: string) => never): Counters {
  const read = (key: string): bigint => {
    const value: JsonValue | undefined = row[key];
    if (typeof value !== 'bigint' || value < 0n) {
      // received-bytes/sent-bytes are only printed with -b.
      return reject(`a non-negative integer "${key}" on the <Link#> row (was -b given?)`);
    }
    return value;
  };
  return {
    receivedPackets: read('received-packets'),
    receivedErrors: read('received-errors'),
    droppedPackets: read('dropped-packets'),
    receivedBytes: read('received-bytes'),
    sentPackets: read('sent-packets'),
    sentErrors: read('send-errors'),
    sentBytes: read('sent-bytes'),
    collisions: read('collisions'),
  };
}
