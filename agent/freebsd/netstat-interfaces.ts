// Interface totals from `netstat -i -b -n --libxo json` (docs/freebsd.md §3.2).
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

const COUNTER_KEYS = [
  ['receivedPackets', 'received-packets'],
  ['receivedErrors', 'received-errors'],
  ['droppedPackets', 'dropped-packets'],
  ['receivedBytes', 'received-bytes'],
  ['sentPackets', 'sent-packets'],
  ['sentErrors', 'send-errors'],
  ['sentBytes', 'sent-bytes'],
  ['collisions', 'collisions'],
] as const;

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * The hot path, once per tick for every interface: native JSON.parse after quoting integers too long
 * to be exact doubles (16+ digits), so nothing loses precision. Anything unexpected (bad JSON, a
 * duplicate key that -d would print, a shape we do not know) returns undefined and the exact reader
 * below takes over, to keep its first-key rule and say where the problem is.
 */
function fastParse(text: string): InterfaceCounters[] | undefined {
  if (occurrences(text, '"dropped-packets"') !== occurrences(text, '"<Link#')) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/":(\d{16,})(?=[,}\]\s])/g, '":"$1"'));
  } catch {
    return undefined;
  }
  const rows = (root as { statistics?: { interface?: unknown } } | null)?.statistics?.interface;
  if (!Array.isArray(rows)) return undefined;
  const result: InterfaceCounters[] = [];
  for (const row of rows as Record<string, unknown>[]) {
    if (row === null || typeof row !== 'object' || typeof row['network'] !== 'string') return undefined;
    const link = LINK_NETWORK.exec(row['network']);
    if (!link) continue;
    const { name, flags, mtu, address } = row;
    if (typeof name !== 'string' || name === '' || typeof flags !== 'string') return undefined;
    const counters = {} as Record<(typeof COUNTER_KEYS)[number][0], bigint>;
    for (const [field, key] of COUNTER_KEYS) {
      const value = row[key];
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) counters[field] = BigInt(value);
      else if (typeof value === 'string' && /^[0-9]+$/.test(value)) counters[field] = BigInt(value);
      else return undefined;
    }
    result.push({
      name,
      linkIndex: Number(link[1]),
      ...(typeof mtu === 'number' ? { mtu } : {}),
      ...(typeof address === 'string' ? { address } : {}),
      flags,
      ...counters,
    });
  }
  return result;
}

export function parseNetstatInterfaces(text: string): InterfaceCounters[] {
  return fastParse(text) ?? parseNetstatInterfacesExact(text);
}

/** The exact reader: every integer a bigint from its digits, duplicate keys resolved first-wins. */
export function parseNetstatInterfacesExact(text: string): InterfaceCounters[] {
  const doc = parseLibxoJson(text, COMMAND);
  const statistics = isJsonObject(doc.root) ? doc.root['statistics'] : undefined;
  const rows = isJsonObject(statistics) ? statistics['interface'] : undefined;
  if (!Array.isArray(rows)) {
    throw new ParseError(
      COMMAND,
      isJsonObject(doc.root) ? doc.lineOf(doc.root) : 0,
      'a "statistics": {"interface": [...]} list',
      describeJson(doc.root),
    );
  }

  const result: InterfaceCounters[] = [];
  for (const row of rows) {
    if (!isJsonObject(row))
      throw new ParseError(COMMAND, doc.lineOf(rows), 'an interface row object', describeJson(row));
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
