import { BlockList, isIP } from 'node:net';

// Where the dashboard may send an agent's token. An agent URL is typed by an admin, but the dashboard
// makes the request from its own network position, so a URL pointing at the cloud metadata service
// or at link-local space would turn the dashboard into a proxy for reading credentials (SSRF). The
// rules are checked twice: on the URL as WHATWG normalises it (`http://0x7f000001` is 127.0.0.1),
// when a host is added and again at every call; and on every address a name resolves to, at call
// time, by the transport that then connects to exactly that address (agent-transport.ts).
// docs/security/agents.md describes them for admins.

const ALLOW_ENV = 'PATCHBAY_ALLOW_AGENT_ADDRESSES';

type Family = 'ipv4' | 'ipv6';
type Subnet = readonly [address: string, prefix: number, family: Family];

/** Address classes no agent lives at, most specific first (the first match names the reason). */
const REFUSED: readonly { what: string; subnets: readonly Subnet[] }[] = [
  // AWS/GCP/Azure/OpenStack (169.254.169.254), AWS over IPv6, Alibaba Cloud.
  {
    what: 'a cloud metadata address',
    subnets: [
      ['169.254.169.254', 32, 'ipv4'],
      ['fd00:ec2::254', 128, 'ipv6'],
      ['100.100.100.200', 32, 'ipv4'],
    ],
  },
  {
    what: 'a link-local address',
    subnets: [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  },
  // 0.0.0.0 and ::, which a connect() quietly turns into this machine; the rest of 0/8 is unusable.
  {
    what: 'an unspecified address',
    subnets: [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  },
  {
    what: 'a multicast address',
    subnets: [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  },
  { what: 'a broadcast or reserved address', subnets: [['240.0.0.0', 4, 'ipv4']] },
];

/** Names of metadata services, refused whatever they resolve to. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog']);

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const REFUSED_LISTS = REFUSED.map(({ what, subnets }) => ({ what, list: blockList(subnets) }));

function blockList(subnets: readonly Subnet[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of subnets) list.addSubnet(address, prefix, family);
  return list;
}

const familyOf = (address: string): Family | null =>
  isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;

/** BlockList matches IPv4 rules against IPv4-mapped IPv6 addresses too (::ffff:169.254.169.254). */
export function isLoopback(address: string): boolean {
  const family = familyOf(address);
  return family !== null && LOOPBACK.check(address, family);
}

/** The admin's exceptions: comma-separated addresses or CIDRs. A typo is an error, not silently ignored. */
function allowedAddresses(env: Readonly<Record<string, string | undefined>>): BlockList {
  const list = new BlockList();
  for (const entry of (env[ALLOW_ENV] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = familyOf(address);
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= max))
      throw new Error(
        `${ALLOW_ENV} has "${entry.slice(0, 60)}", which is not an address or a CIDR like 169.254.10.0/24 or fe80::/64.`,
      );
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/** Why the dashboard will not connect to this IP address, or null when it may. */
export function addressRefusal(
  address: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const family = familyOf(address);
  if (!family) return 'not an IP address';
  const refused = REFUSED_LISTS.find(({ list }) => list.check(address, family));
  if (!refused) return null;
  let allowed: BlockList;
  try {
    allowed = allowedAddresses(env);
  } catch (error) {
    return `${refused.what}, and ${(error as Error).message}`;
  }
  return allowed.check(address, family)
    ? null
    : `${refused.what}; Patchbay sends no requests there unless ${ALLOW_ENV} lists it`;
}

interface AgentUrlRules {
  /** The admin ticked "allow plain http" for this host. */
  allowHttp?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface CheckedAgentUrl {
  /** Normalised, without a trailing slash: what is stored and shown. */
  url: string;
  parsed: URL;
  /** The host without IPv6 brackets or a trailing dot. */
  hostname: string;
  /** The IP address when the URL names one, else null (a DNS name). */
  literal: string | null;
  /** Plain http that is allowed only because the agent is on this machine: every resolved address must be loopback. */
  loopbackOnly: boolean;
}

type AgentUrlCheck = { ok: true; checked: CheckedAgentUrl } | { ok: false; problem: string };

/** The rules an agent URL must meet before anything is sent to it (see the file comment). */
export function checkAgentUrl(raw: string, rules: AgentUrlRules = {}): AgentUrlCheck {
  const env = rules.env ?? process.env;
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'the agent URL must be a URL like https://jailhost.example.org:7780' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { ok: false, problem: 'the agent URL must start with http:// or https://' };
  if (parsed.username || parsed.password)
    return {
      ok: false,
      problem: 'the agent URL must not carry a user name or password (the token goes in its own field)',
    };
  if (parsed.search || parsed.hash)
    return { ok: false, problem: 'the agent URL must not have a query (?…) or a fragment (#…)' };
  const hostname = parsed.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_NAMES.has(hostname))
    return { ok: false, problem: `${hostname} is a cloud metadata service, not an agent` };
  const literal = isIP(hostname) ? hostname : null;
  if (literal) {
    const refusal = addressRefusal(literal, env);
    if (refusal) return { ok: false, problem: `the agent address ${literal} is ${refusal}` };
  }
  const local = literal ? isLoopback(literal) : hostname === 'localhost';
  if (parsed.protocol === 'http:' && !rules.allowHttp && !local) {
    return {
      ok: false,
      problem:
        'plain http would send the token unencrypted: use https://, or allow plain http for this host (allowHttp); http is allowed without it only for an agent on this machine (127.0.0.1, ::1, localhost)',
    };
  }
  const url = parsed.href.replace(/\/+$/, '');
  return {
    ok: true,
    checked: { url, parsed, hostname, literal, loopbackOnly: parsed.protocol === 'http:' && !rules.allowHttp },
  };
}
