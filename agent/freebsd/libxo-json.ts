// A small JSON reader for libxo output (`netstat --libxo json`, `jls --libxo json`).
//
// Why not JSON.parse: libxo prints 64-bit counters as bare JSON numbers, and JSON.parse turns
// anything above 2^53 into an approximate double (18446744073709551615 → 18446744073709552000).
// Node 20's reviver does not receive the source text, so we read the text ourselves: every
// integer literal becomes a bigint, exactly as printed; other numbers become ordinary numbers.
//
// It also remembers where each object and array starts, so callers can name the output line
// of a record they reject.
import { ParseError } from './parse-error';

export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface LibxoDocument {
  root: JsonValue;
  /** 1-based output line where this object or array opens (libxo prints one line, so usually 1). */
  lineOf(node: JsonObject | JsonValue[]): number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;

export function parseLibxoJson(text: string, command: string): LibxoDocument {
  const starts = new WeakMap<object, number>();
  let pos = 0;

  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const fail = (expected: string): never => {
    const rest = text.slice(pos).split('\n')[0] ?? '';
    throw new ParseError(command, lineAt(pos), expected, rest === '' ? 'end of output' : rest);
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text.charAt(pos))) pos++;
  };
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const found = pattern.exec(text);
    if (!found) return undefined;
    pos += found[0].length;
    return found[0];
  };
  const readString = (): string => {
    const raw = match(STRING) ?? fail('a JSON string');
    // The token is already validated: without a backslash there is nothing to decode (the common,
    // hot case: every key and name), otherwise JSON.parse decodes the escapes.
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };

  const readValue = (): JsonValue => {
    skipSpace();
    const c = text.charAt(pos);
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    const literal = match(LITERAL);
    if (literal !== undefined) return literal === 'null' ? null : literal === 'true';
    NUMBER.lastIndex = pos;
    const num = NUMBER.exec(text);
    if (!num) return fail('a JSON value');
    pos += num[0].length;
    const isInteger = num[1] === undefined && num[2] === undefined;
    return isInteger ? BigInt(num[0]) : Number(num[0]);
  };

  const readObject = (): JsonObject => {
    // A plain object (V8 is much faster with these than with prototype-less ones); a key such as
    // "__proto__" is stored with defineProperty below, so it stays just a key.
    const object = {} as JsonObject;
    starts.set(object, pos);
    pos++; // {
    skipSpace();
    if (text.charAt(pos) === '}') {
      pos++;
      return object;
    }
    for (;;) {
      skipSpace();
      const key = readString();
      skipSpace();
      if (text.charAt(pos) !== ':') fail('":" after an object key');
      pos++;
      const value = readValue();
      // netstat -i -d prints "dropped-packets" twice (input drops, then output drops; docs/freebsd.md §3.2).
      // Keep the first so the key always means input drops.
      if (!Object.hasOwn(object, key)) {
        if (key === '__proto__')
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        else object[key] = value;
      }
      skipSpace();
      const next = text.charAt(pos);
      pos++;
      if (next === '}') return object;
      if (next !== ',') {
        pos--;
        fail('"," or "}" in an object');
      }
    }
  };

  const readArray = (): JsonValue[] => {
    const array: JsonValue[] = [];
    starts.set(array, pos);
    pos++; // [
    skipSpace();
    if (text.charAt(pos) === ']') {
      pos++;
      return array;
    }
    for (;;) {
      array.push(readValue());
      skipSpace();
      const next = text.charAt(pos);
      pos++;
      if (next === ']') return array;
      if (next !== ',') {
        pos--;
        fail('"," or "]" in an array');
      }
    }
  };

  skipSpace();
  if (pos === text.length) throw new ParseError(command, 0, 'JSON output', '');
  const root = readValue();
  skipSpace();
  if (pos !== text.length) fail('end of output after the JSON document');
  return { root, lineOf: (node) => lineAt(starts.get(node) ?? 0) };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short text of a value for error messages. */
export function describeJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
}
