// stdout of `route add` (docs/freebsd.md §8).
//
// Verbatim: `add net default: gateway 192.0.2.3` and `add net 192.0.2.0: gateway 192.0.2.1`
// (fixtures route-add-*.txt; note `route add 192.0.2.0/24 ...` prints the address without /24).
// Worked out from sbin/route/route.c newroute() (the rt_ctx revision), not seen verbatim:
//   printf("%s %s %s", cmd, F_ISHOST ? "host" : "net", dest); [": gateway %s"];
//   [" fib %d,%d" when several fibs exist]; then "\n" on success or ": <error>\n" on failure,
//   failure lines always carrying " fib %d". Error texts: "not in table", "entry in use",
//   "not enough memory", "route already in table", or strerror().
// `add host ...` follows the same printf and is unverified. For IPv6 the /prefix is kept in
// `dest` (getaddr restores the '/'), also unverified.
import { ParseError } from './parse-error';

const COMMAND = 'route';
const LINE = /^(add|delete|change) (net|host) (\S+?)(?:: gateway (\S+))?(?: fib ([\d,]+))?(?:: (.+))?$/;

export interface RouteChangeResult {
  action: 'add' | 'delete' | 'change';
  kind: 'net' | 'host';
  /** As printed: "default", "192.0.2.0" (no /24 for IPv4). */
  destination: string;
  gateway?: string;
  fibs?: number[];
  /** Set when route printed a failure such as "route already in table". */
  error?: string;
}

export function parseRouteAdd(text: string): RouteChangeResult[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new ParseError(COMMAND, 0, 'an "add net|host <dest>" line', '');
  return lines.map((line, index) => {
    const match = LINE.exec(line);
    if (!match) throw new ParseError(COMMAND, index + 1, '"add net|host <dest>[: gateway <gw>]"', line);
    const [, action, kind, destination = '', gateway, fibs, error] = match;
    return {
      action: action as RouteChangeResult['action'],
      kind: kind as RouteChangeResult['kind'],
      destination,
      ...(gateway !== undefined ? { gateway } : {}),
      ...(fibs !== undefined ? { fibs: fibs.split(',').map(Number) } : {}),
      ...(error !== undefined ? { error } : {}),
    };
  });
}
