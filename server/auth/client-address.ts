import { isIP } from 'node:net';
import { CLIENT_ADDRESS_HEADER, STAMP_KEY } from './client-address-stamp.mjs';

// Who is asking, for the login limiter and the session list: the socket's remote address, as
// client-address-stamp.mjs (loaded by next.config.mjs) wrote it into our own header. Behind a
// reverse proxy every request comes from the proxy's address, so when the socket's address is one
// listed in PATCHBAY_TRUSTED_PROXIES, the client is the nearest X-Forwarded-For entry that is not a
// trusted proxy itself (each proxy appends the address it was connected from). X-Forwarded-For is
// never believed otherwise: any client can send one.

export const TRUSTED_PROXIES_ENV = 'PATCHBAY_TRUSTED_PROXIES';
/** What the limiter keys on when the address cannot be known: everyone then shares one budget. */
export const UNKNOWN_ADDRESS = 'unknown';

interface HeaderSource {
  get(name: string): string | null;
}
type Env = Readonly<Record<string, string | undefined>>;

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1; IPv6 in lower case. */
export function normalizeAddress(address: string): string {
  const trimmed = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

export function parseTrustedProxies(
  value: string | undefined,
): { ok: true; addresses: Set<string> } | { ok: false; error: string } {
  const addresses = new Set<string>();
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const address = normalizeAddress(entry);
    if (isIP(address) === 0)
      return {
        ok: false,
        error: `${TRUSTED_PROXIES_ENV}: "${entry}" is not an IP address; list the addresses your reverse proxies connect from, comma-separated (e.g. ${TRUSTED_PROXIES_ENV}=127.0.0.1,::1).`,
      };
    addresses.add(address);
  }
  return { ok: true, addresses };
}

/** The socket's address from our stamped header; null when this process does not stamp, or it is forged. */
export function socketAddress(headers: HeaderSource): string | null {
  const stamp = (globalThis as unknown as Record<symbol, string | undefined>)[STAMP_KEY];
  const value = headers.get(CLIENT_ADDRESS_HEADER);
  if (!stamp || !value) return null;
  const space = value.indexOf(' ');
  return value.slice(0, space) === stamp ? normalizeAddress(value.slice(space + 1)) : null;
}

let warnedUnstamped = false;

/** The client's address, or an error naming a misconfigured variable. */
export function clientAddress(
  headers: HeaderSource,
  env: Env = process.env,
  warn: (line: string) => void = console.warn,
): { ok: true; address: string } | { ok: false; error: string } {
  const proxies = parseTrustedProxies(env[TRUSTED_PROXIES_ENV]);
  if (!proxies.ok) return proxies;
  const socket = socketAddress(headers);
  if (socket === null) {
    if (!warnedUnstamped)
      warn(
        'Patchbay: the client address of requests is unknown (next.config.mjs did not run in this process), so every client shares one login limit.',
      );
    warnedUnstamped = true;
    return { ok: true, address: UNKNOWN_ADDRESS };
  }
  if (!proxies.addresses.has(socket)) return { ok: true, address: socket };
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!proxies.addresses.has(hops[i]!)) return { ok: true, address: isIP(hops[i]!) ? hops[i]! : UNKNOWN_ADDRESS };
  }
  return { ok: true, address: socket };
}

/** The limiter's key: IPv6 clients by their /64, since one machine usually holds a whole /64. */
export function limiterKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
