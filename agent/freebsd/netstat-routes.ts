// `netstat -r -n --libxo json`: reader (agent) and writer (emulator).
//
// WORKED OUT FROM SOURCE, NOT VERBATIM: no sample with a known FreeBSD source exists.
// Sources (freebsd/freebsd-src):
// - usr.bin/netstat/main.c: `if (rflag) { xo_open_container("statistics"); ... routepr(fib, af);
//   xo_close_container("statistics"); xo_finish(); }`.
// - usr.bin/netstat/route.c routepr(): xo_open_container("route-information");
//   `{T:Routing tables}` (text only); `" ({L:fib}: {:fib/%d})"` only when fib != 0.
// - route.c p_rtable_sysctl() (13.x) and route_netlink.c p_rtable_netlink() (14.0+, commit
//   060ac54e): xo_open_container("route-table"); xo_open_list("rt-family"); and each time the
//   address family CHANGES: xo_open_instance("rt-family"); pr_family(); xo_open_list("rt-entry").
// - pr_family(): `"\n{k:address-family/%s}:\n"` with "Internet" / "Internet6" (other families
//   print other names or a number). pr_rthdr() emits only {T:} titles: nothing in JSON.
// - one xo_open_instance("rt-entry") per route, fields in this order:
//   p_sockaddr("destination", ...), p_sockaddr("gateway", ...): with -n the format is
//   `{[:%d}{:destination/%s}{]:} ` → "destination":"…" (anchors and padding are text only);
//   p_flags(): `{:flags/%s}` ("UGS", letters in rt_bits order), then xo_open_list("flags_pretty")
//   with one `{le:flags_pretty/%s}` per set bit ("up","gateway",...), xo_close_list;
//   netlink path only: `{e:weight/%u}`, `{e:nhop-kidx/%u}` (`nhg-kidx` for multipath routes)
//   and `{e:nhop-uidx/%u}` when a user nexthop id is set;
//   with -W only: `{t:use}`/`{t:nhop}` and `{t:mtu}` numbers;
//   `{t:interface-name/%*.*s}` (without -W) or `{t:interface-name/%*s}` (with -W);
//   `{:expire-time/%*d}` only for routes that expire.
// - libxo spacing (docs/freebsd.md §3.2): leaves `"k":v` joined by ","; a list or container
//   opens as `"k": [` / `"k": {` preceded by ", " after a sibling; instances are joined by ", ".
// Corroboration (third-party test data, origin not stated): iocage/iocage
// tests/unit_tests/1003_lib_host_gateways.py (commit 174d00c1) has exactly
// `{"destination":"default","gateway":"217.29.43.254","flags":"UGS", "flags_pretty":
// ["up","gateway","static"],"interface-name":"inet0"}`.
//
// CAUTION (from libxo docs, doc/field-formatting.rst: the encoding format "defaults to the
// primary format with any minimum width removed", so a precision stays): without -W the
// interface-name field keeps its `.8` precision and names longer than 8 characters are probably
// cut short in JSON too. Unverified; run `netstat -r -n -W --libxo json` to be safe.
import { describeJson, isJsonObject, parseLibxoJson, type JsonObject } from './libxo-json';
import { ParseError } from './parse-error';
import type { RouteEntry } from './types';

const COMMAND = 'netstat';
const FAMILY_NAMES = { inet: 'Internet', inet6: 'Internet6' } as const;

/** route.c `bits[]`: flag letter → flags_pretty name, in printing order. */
const FLAG_NAMES: ReadonlyMap<string, string> = new Map([
  ['U', 'up'],
  ['G', 'gateway'],
  ['H', 'host'],
  ['R', 'reject'],
  ['D', 'dynamic'],
  ['M', 'modified'],
  ['d', 'done'],
  ['X', 'xresolve'],
  ['S', 'static'],
  ['1', 'proto1'],
  ['2', 'proto2'],
  ['3', 'proto3'],
  ['B', 'blackhole'],
  ['b', 'broadcast'],
  ['L', 'llinfo'],
]);

/** Prints routes as `netstat -r -n --libxo json` does; a new rt-family instance at each family change. */
export function formatNetstatRoutes(entries: RouteEntry[]): string {
  const families: string[] = [];
  let current: { family: RouteEntry['family']; rows: string[] } | undefined;
  const flush = (): void => {
    if (current)
      families.push(
        `{"address-family":${JSON.stringify(FAMILY_NAMES[current.family])}, "rt-entry": [${current.rows.join(', ')}]}`,
      );
  };
  for (const entry of entries) {
    if (current?.family !== entry.family) {
      flush();
      current = { family: entry.family, rows: [] };
    }
    current.rows.push(formatEntry(entry));
  }
  flush();
  return `{"statistics": {"route-information": {"route-table": {"rt-family": [${families.join(', ')}]}}}}\n`;
}

function formatEntry(entry: RouteEntry): string {
  const pretty = [...entry.flags].map((letter) => {
    const name = FLAG_NAMES.get(letter);
    if (name === undefined)
      throw new Error(
        `formatNetstatRoutes: unknown route flag letter ${JSON.stringify(letter)} in ${JSON.stringify(entry.flags)}`,
      );
    return JSON.stringify(name);
  });
  const leaf = (key: string, value: string | number): string =>
    `${JSON.stringify(key)}:${typeof value === 'number' ? value : JSON.stringify(value)}`;
  const before = [
    leaf('destination', entry.destination),
    leaf('gateway', entry.gateway),
    leaf('flags', entry.flags),
  ].join(',');
  const after = [
    ...(entry.weight !== undefined ? [leaf('weight', entry.weight)] : []),
    ...(entry.nhopKernelIndex !== undefined ? [leaf('nhop-kidx', entry.nhopKernelIndex)] : []),
    leaf('interface-name', entry.interface),
  ].join(',');
  return `{${before}, "flags_pretty": [${pretty.join(',')}],${after}}`;
}

/** Reads `netstat -r -n [-W] --libxo json`. Families other than Internet/Internet6 are skipped. */
export function parseNetstatRoutes(text: string): RouteEntry[] {
  const doc = parseLibxoJson(text, COMMAND);
  const path = ['statistics', 'route-information', 'route-table'];
  let node = doc.root;
  for (const key of path) node = isJsonObject(node) ? (node[key] ?? null) : null;
  const families = isJsonObject(node) ? node['rt-family'] : undefined;
  if (!Array.isArray(families)) {
    throw new ParseError(
      COMMAND,
      isJsonObject(doc.root) ? doc.lineOf(doc.root) : 0,
      'statistics.route-information.route-table.rt-family list',
      describeJson(doc.root),
    );
  }

  const routes: RouteEntry[] = [];
  for (const instance of families) {
    if (!isJsonObject(instance))
      throw new ParseError(COMMAND, doc.lineOf(families), 'an rt-family object', describeJson(instance));
    const name = instance['address-family'];
    const family = name === 'Internet' ? 'inet' : name === 'Internet6' ? 'inet6' : undefined;
    if (typeof name !== 'string')
      throw new ParseError(COMMAND, doc.lineOf(instance), 'an "address-family" string', describeJson(instance));
    if (family === undefined) continue; // e.g. "Netgraph": not ours
    const rows = instance['rt-entry'] ?? [];
    if (!Array.isArray(rows))
      throw new ParseError(COMMAND, doc.lineOf(instance), 'an "rt-entry" list', describeJson(rows));
    for (const row of rows) {
      if (!isJsonObject(row)) throw new ParseError(COMMAND, doc.lineOf(rows), 'an rt-entry object', describeJson(row));
      routes.push(
        readEntry(row, family, (expected) => new ParseError(COMMAND, doc.lineOf(row), expected, describeJson(row))),
      );
    }
  }
  return routes;
}

function readEntry(row: JsonObject, family: RouteEntry['family'], error: (expected: string) => ParseError): RouteEntry {
  const text = (key: string): string => {
    const value = row[key];
    if (typeof value !== 'string' || value === '') throw error(`a non-empty "${key}" string`);
    return value;
  };
  const count = (key: string): number | undefined => {
    const value = row[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffn)
      throw error(`"${key}" as an unsigned 32-bit integer`);
    return Number(value);
  };
  const flags = row['flags'];
  if (typeof flags !== 'string' || ![...flags].every((letter) => FLAG_NAMES.has(letter)))
    throw error('"flags" made of route flag letters');
  const weight = count('weight');
  const nhopKernelIndex = count('nhop-kidx');
  return {
    family,
    destination: text('destination'),
    gateway: text('gateway'),
    flags,
    // route.c prints "" when the ifindex is not in its interface map.
    interface: typeof row['interface-name'] === 'string' ? row['interface-name'] : text('interface-name'),
    ...(weight !== undefined ? { weight } : {}),
    ...(nhopKernelIndex !== undefined ? { nhopKernelIndex } : {}),
  };
}
