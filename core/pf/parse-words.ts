import type { InterfaceSpec, PortOperator, PortSpec } from './ruleset';
import type { Token } from './tokenize';

// The words pf rules are built of, read from a token cursor: ports, interfaces and lists
// (pf.conf(5) PARAMETERS; sbin/pfctl/parse.y port_item, if_item). parse.ts builds rules of them.

export class ParseError extends Error {}

export interface Cursor {
  tokens: Token[];
  at: number;
}

export const peek = (c: Cursor, ahead = 0): string | undefined => c.tokens[c.at + ahead]?.text;
export const isWord = (c: Cursor, word: string): boolean => peek(c) === word && c.tokens[c.at]?.quoted === false;

export function take(c: Cursor, what: string): string {
  const token = c.tokens[c.at++];
  if (token === undefined) throw new ParseError(`expected ${what} at the end of the rule`);
  return token.text;
}

export function expect(c: Cursor, word: string): void {
  const got = take(c, `"${word}"`);
  if (got !== word) throw new ParseError(`expected "${word}" but found "${got}"`);
}

/** `x` or `{ x, y }` (commas optional, as pf allows). */
export function list(c: Cursor, item: (c: Cursor) => void): void {
  if (!isWord(c, '{')) return item(c);
  c.at++;
  while (!isWord(c, '}')) {
    if (peek(c) === undefined) throw new ParseError('a "{" list is not closed with "}"');
    if (isWord(c, ',')) {
      c.at++;
      continue;
    }
    item(c);
  }
  c.at++;
}

export function skipParens(c: Cursor): void {
  let depth = 0;
  do {
    const word = take(c, '")"');
    if (word === '(') depth++;
    else if (word === ')') depth--;
  } while (depth > 0);
}

const SERVICES: Readonly<Record<string, number>> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  submission: 587,
  imaps: 993,
  pop3s: 995,
};

export function portNumber(text: string): number {
  const value = SERVICES[text] ?? (/^[0-9]+$/.test(text) ? Number(text) : NaN);
  if (!(value >= 0 && value <= 65535)) throw new ParseError(`"${text}" is not a port number or a known service name`);
  return value;
}

const PORT_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function portItem(c: Cursor, into: PortSpec[]): void {
  const first = take(c, 'a port');
  if (PORT_OPERATORS.has(first)) {
    into.push({ op: first as PortOperator, low: portNumber(take(c, 'a port')) });
    return;
  }
  if (first.includes(':')) {
    const [low = '', high = ''] = first.split(':');
    into.push({ op: ':', low: portNumber(low), high: portNumber(high) });
    return;
  }
  const op = peek(c);
  if (op === '><' || op === '<>') {
    c.at++;
    into.push({ op, low: portNumber(first), high: portNumber(take(c, 'a port')) });
    return;
  }
  into.push({ op: '=', low: portNumber(first) });
}

export function ports(c: Cursor): PortSpec[] | undefined {
  if (!isWord(c, 'port')) return undefined;
  c.at++;
  const specs: PortSpec[] = [];
  list(c, (inner) => portItem(inner, specs));
  return specs;
}

/**
 * The port of a redirection, `port N`, `port N:M` or `port N:*` (parse.y redirection / portstar: `*`
 * keeps the offset into the range, so `N:*` maps port p to N + (p - low)).
 */
export function redirectPort(c: Cursor): PortSpec {
  c.at++; // port
  const text = take(c, 'a port');
  if (!text.includes(':')) return { op: '=', low: portNumber(text) };
  const [low = '', high = ''] = text.split(':');
  return high === '*' ? { op: ':', low: portNumber(low) } : { op: ':', low: portNumber(low), high: portNumber(high) };
}

export function interfaceSpec(c: Cursor): InterfaceSpec {
  let negated = false;
  if (isWord(c, '!')) {
    negated = true;
    c.at++;
  }
  const names: string[] = [];
  list(c, (inner) => {
    const name = take(inner, 'an interface name');
    if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new ParseError(`"${name}" is not an interface or group name`);
    names.push(name);
  });
  return { negated, names };
}
