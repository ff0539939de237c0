// Which Host headers the dashboard answers. A DNS-rebinding page (evil.example, its DNS record
// switched to 127.0.0.1 or to this dashboard's LAN address) makes the browser send
// `Host: evil.example` with a same-origin `Origin`, so the cross-site check alone cannot see it; the
// Host name is the one thing the attacker cannot choose. Loopback names are always allowed; every
// other name the dashboard is reached by is listed in PATCHBAY_ALLOWED_HOSTS.
//
// The rule, exactly:
// - PATCHBAY_ALLOWED_HOSTS is a comma-separated list; spaces around entries and empty entries are
//   ignored. Each entry is `name` (any port) or `name:port` (that port only). `name` is a DNS name
//   (letters, digits, `-`, dot-separated labels), an IPv4 address, or an IPv6 address in brackets.
// - Names compare case-insensitively, a trailing dot ignored (`PB.example.` is `pb.example`).
// - A Host header without a port matches `name:80` and `name:443` too (browsers leave the default
//   port out of Host).
// - `localhost`, `127.0.0.1` and `[::1]` are allowed on any port whatever the variable says.

export const ALLOWED_HOSTS_ENV = 'PATCHBAY_ALLOWED_HOSTS';
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

export interface HostEntry {
  name: string;
  /** null: any port. */
  port: number | null;
}

export type AllowListParse = { ok: true; entries: HostEntry[] } | { ok: false; error: string };

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]{2,45}\]$/;

/** `name` and `port` of a Host header or an entry; null when it is not of the form name[:port]. */
export function splitHost(value: string): { name: string; port: number | null } | null {
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (!match) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const name = match[1]!.replace(/\.$/, '');
  if (!DNS_NAME.test(name) && !IPV6_BRACKETED.test(name)) return null;
  return { name, port };
}

function entryProblem(entry: string): string {
  if (entry.includes('*')) return `"${entry}" has a wildcard, which is not supported: list each name`;
  if (/^[0-9a-f]*:[0-9a-f]*:/i.test(entry))
    return `"${entry}" looks like an IPv6 address: write it in brackets, like [${entry}] or [${entry}]:3000`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return `"${entry}" is a URL: write only the host name, or name:port`;
  return `"${entry}" is not a host name, IPv4 address or [IPv6] address, optionally followed by :port (1-65535)`;
}

/** Parses PATCHBAY_ALLOWED_HOSTS; the error names the variable, the entry and the rule it breaks. */
export function parseAllowedHosts(value: string | undefined): AllowListParse {
  const entries: HostEntry[] = LOOPBACK_HOSTS.map((name) => ({ name, port: null }));
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const parsed = splitHost(entry);
    if (!parsed)
      return {
        ok: false,
        error: `${ALLOWED_HOSTS_ENV}: ${entryProblem(entry)}. Example: ${ALLOWED_HOSTS_ENV}=patchbay.lan,192.168.1.10:3000`,
      };
    entries.push(parsed);
  }
  return { ok: true, entries };
}

export function isHostAllowed(hostHeader: string | null, entries: readonly HostEntry[]): boolean {
  const host = hostHeader === null ? null : splitHost(hostHeader);
  if (!host) return false;
  return entries.some(
    (entry) =>
      entry.name === host.name &&
      (entry.port === null ||
        entry.port === host.port ||
        (host.port === null && (entry.port === 80 || entry.port === 443))),
  );
}

/** The refusal: which Host, why, and how to allow it. */
export function hostRefusal(hostHeader: string | null): string {
  if (!hostHeader)
    return 'Request refused: it has no Host header, and this dashboard answers only to the host names it is configured for.';
  const name = splitHost(hostHeader)?.name ?? hostHeader;
  return (
    `Request refused: Host "${hostHeader}" is not a name this dashboard answers to (a guard against DNS rebinding). ` +
    `If you reach Patchbay by this name, add it to ${ALLOWED_HOSTS_ENV} (comma-separated names or name:port, e.g. ${ALLOWED_HOSTS_ENV}=${name}) and restart the dashboard. ` +
    `Loopback (${LOOPBACK_HOSTS.join(', ')}) is always allowed.`
  );
}
