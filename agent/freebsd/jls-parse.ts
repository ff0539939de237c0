// Readers for `jls --libxo json` (docs/freebsd.md §7.2).
//
// Envelope (verbatim in every fixture): {"__version": "2", "jail-information": {"jail": [ ... ]}}
// - `jls -v --libxo json`: jid and cpusetid are JSON numbers, the rest strings, plus the lists
//   ipv4_addrs / ipv6_addrs (fixture jls-v-libxo-json-zachfi.json).
// - `jls --libxo json jid name path host.hostname vnet parent children.max`: every value is a
//   JSON string keyed by the parameter name; a parameter with no value is left out, which can
//   give `{}` (fixtures jls-j-libxo-json-*.json). "jid":"1" and the key "host.hostname" are
//   unverified: no sample shows them.
// - `ip4.addr` / `ip6.addr` among the parameters: in JSON, jls.c special_print() prints them with
//   emit_ip_addr_list(AF_INET, param->jp_name, param), the function that prints `ipv4_addrs` in the
//   verbose form: a list named after the parameter (`"ip4.addr": ["10.17.89.1"]`) holding each
//   address as inet_ntop() writes it, empty (`[]`) for a jail with none. No verbatim sample of this
//   form is known; the test sample (jls-parse.test.ts) is built from that code and the zachfi
//   sample's list spacing.
import {
  describeJson,
  isJsonObject,
  parseLibxoJson,
  type JsonObject,
  type JsonValue,
  type LibxoDocument,
} from './libxo-json';
import { ParseError } from './parse-error';
import type { JailInfo, JailVerboseInfo } from './types';

const COMMAND = 'jls';
const POSITIVE_INTEGER = /^[1-9]\d{0,9}$/;
const NON_NEGATIVE_INTEGER = /^(0|[1-9]\d{0,9})$/;
/** lib/libjail/jail.c `jailsys_values`, which jailparam_export prints for vnet, ip4 and ip6. */
const VNET_VALUES = new Set(['disable', 'new', 'inherit']);

/** The array at jail-information.jail, with a reject helper for each record. */
function jailRecords(text: string): { doc: LibxoDocument; records: JsonObject[] } {
  const doc = parseLibxoJson(text, COMMAND);
  const information = isJsonObject(doc.root) ? doc.root['jail-information'] : undefined;
  const jails = isJsonObject(information) ? information['jail'] : undefined;
  if (!Array.isArray(jails)) {
    throw new ParseError(
      COMMAND,
      isJsonObject(doc.root) ? doc.lineOf(doc.root) : 0,
      'a "jail-information": {"jail": [...]} list',
      describeJson(doc.root),
    );
  }
  const records = jails.map((record) => {
    if (!isJsonObject(record))
      throw new ParseError(COMMAND, doc.lineOf(jails), 'a jail record object', describeJson(record));
    return record;
  });
  return { doc, records };
}

function rejecter(doc: LibxoDocument, record: JsonObject) {
  return (expected: string): never => {
    throw new ParseError(COMMAND, doc.lineOf(record), expected, describeJson(record));
  };
}

/** `jls -v --libxo json`. */
export function parseJlsVerbose(text: string): JailVerboseInfo[] {
  const { doc, records } = jailRecords(text);
  return records.map((record) => {
    const reject = rejecter(doc, record);
    const integer = (key: string, min: bigint): number => {
      const value = record[key];
      if (typeof value !== 'bigint' || value < min || value > 0x7fffffffn)
        return reject(`an integer "${key}" of at least ${min}`);
      return Number(value);
    };
    const string = (key: string): string => {
      const value = record[key];
      return typeof value === 'string' ? value : reject(`a string "${key}"`);
    };
    const addresses = (key: string): string[] => {
      const value: JsonValue | undefined = record[key];
      if (!Array.isArray(value) || !value.every((a): a is string => typeof a === 'string'))
        return reject(`a list of strings "${key}"`);
      return value;
    };
    const state = string('state');
    if (state !== 'ACTIVE' && state !== 'DYING') return reject('"state" ACTIVE or DYING');
    return {
      jid: integer('jid', 1n),
      hostname: string('hostname'),
      path: string('path'),
      name: string('name'),
      state,
      cpusetId: integer('cpusetid', 0n),
      ipv4Addresses: addresses('ipv4_addrs'),
      ipv6Addresses: addresses('ipv6_addrs'),
    };
  });
}

/** `jls --libxo json jid name path host.hostname vnet parent children.max ip4 ip6 …`: all values strings. */
export function parseJlsParams(text: string): JailInfo[] {
  const { doc, records } = jailRecords(text);
  return records.map((record) => {
    const reject = rejecter(doc, record);
    const optionalString = (key: string): string | undefined => {
      const value = record[key];
      if (value === undefined) return undefined;
      return typeof value === 'string' ? value : reject(`"${key}" as a JSON string (jls prints parameters as strings)`);
    };
    const integer = (key: string, pattern: RegExp, what: string): number | undefined => {
      const value = optionalString(key);
      if (value === undefined) return undefined;
      return pattern.test(value) ? Number(value) : reject(`"${key}" as ${what}`);
    };

    const jid = integer('jid', POSITIVE_INTEGER, 'a positive integer string');
    const name = optionalString('name');
    if (jid === undefined) return reject('a "jid" (was it in the parameter list?)');
    if (name === undefined || name === '') return reject('a non-empty "name"');
    const jailsys = (key: string): string | undefined => {
      const value = optionalString(key);
      if (value !== undefined && !VNET_VALUES.has(value)) return reject(`"${key}" as "disable", "new" or "inherit"`);
      return value;
    };
    const vnet = jailsys('vnet');
    const ip4Mode = jailsys('ip4');
    const ip6Mode = jailsys('ip6');
    const path = optionalString('path');
    const hostname = optionalString('host.hostname');
    const parent = integer('parent', NON_NEGATIVE_INTEGER, 'a non-negative integer string');
    const childrenMax = integer('children.max', NON_NEGATIVE_INTEGER, 'a non-negative integer string');
    const addressList = (key: string): string[] | undefined => {
      const value: JsonValue | undefined = record[key];
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || !value.every((a): a is string => typeof a === 'string'))
        return reject(`"${key}" as a list of address strings (jls.c emit_ip_addr_list)`);
      return value;
    };
    const ip4Addresses = addressList('ip4.addr');
    const ip6Addresses = addressList('ip6.addr');
    return {
      jid,
      name,
      ...(path !== undefined ? { path } : {}),
      ...(hostname !== undefined ? { hostname } : {}),
      ...(vnet !== undefined ? { vnet } : {}),
      ...(parent !== undefined ? { parent } : {}),
      ...(childrenMax !== undefined ? { childrenMax } : {}),
      ...(ip4Addresses !== undefined ? { ip4Addresses } : {}),
      ...(ip6Addresses !== undefined ? { ip6Addresses } : {}),
      ...(ip4Mode !== undefined ? { ip4Mode } : {}),
      ...(ip6Mode !== undefined ? { ip6Mode } : {}),
    };
  });
}
