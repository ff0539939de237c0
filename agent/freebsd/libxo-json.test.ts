import { describe, expect, it } from 'vitest';
import { isJsonObject, parseLibxoJson } from './libxo-json';
import { ParseError } from './parse-error';

describe('parseLibxoJson', () => {
  it('keeps integers above 2^53 exact as bigint', () => {
    const doc = parseLibxoJson('{"a":18446744073709551615,"b":9007199254740993}\n', 'netstat');
    expect(isJsonObject(doc.root) && doc.root['a']).toBe(18446744073709551615n);
    expect(isJsonObject(doc.root) && doc.root['b']).toBe(9007199254740993n);
  });

  it('reads libxo spacing, strings with escapes, fractions, literals and empty containers', () => {
    const doc = parseLibxoJson(
      '{"__version": "2", "x": {"s":"a\\"b\\u00e9","f":7.2,"t":true,"n":null, "l": [], "o": {}}}',
      'jls',
    );
    expect(doc.root).toEqual({ __version: '2', x: { s: 'a"bé', f: 7.2, t: true, n: null, l: [], o: {} } });
  });

  it('keeps the first of duplicate keys (netstat -d prints "dropped-packets" twice)', () => {
    const doc = parseLibxoJson('{"dropped-packets":1,"dropped-packets":2}', 'netstat');
    expect(isJsonObject(doc.root) && doc.root['dropped-packets']).toBe(1n);
  });

  it('treats "__proto__" as an ordinary key', () => {
    const doc = parseLibxoJson('{"__proto__":{"polluted":1}}', 'jls');
    const root = doc.root as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.hasOwn(root, '__proto__')).toBe(true);
    expect(Object.keys(root)).toEqual(['__proto__']);
    expect(root['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(isJsonObject(root['__proto__'] as never)).toBe(true);
  });

  it('reports the line of each object', () => {
    const doc = parseLibxoJson('[\n{"a":1},\n{"b":2}]', 'x');
    const list = doc.root as object[];
    expect(doc.lineOf(list[1] as never)).toBe(3);
  });

  it.each([
    ['', 0, 'JSON output'],
    ['{"a":1', 1, '"," or "}" in an object'],
    ['{"a" 1}', 1, '":" after an object key'],
    ['[1 2]', 1, '"," or "]" in an array'],
    ['{"a":1}\nnetstat: garbage', 2, 'end of output after the JSON document'],
    ['Name Mtu Network', 1, 'a JSON value'],
  ])('rejects %j with a located ParseError', (text, line, expected) => {
    const error = captureError(() => parseLibxoJson(text, 'netstat'));
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ command: 'netstat', line, expected });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
