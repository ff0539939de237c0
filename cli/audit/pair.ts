import type { Destination, Source } from '../../core/audit/audit';
import { explain, parseTypedDestination, type Explanation } from '../../core/audit/report';
import type { Probe } from '../../core/audit/walk';
import { parseAddr } from '../../core/net/addr';
import type { Topology } from '../../core/topology/schema';
import { UsageError } from '../common/errors';

// --from and --to: one question to the audit, as the dashboard's ask form and matrix cells put it.
// A source is a jail, the host, a LAN or the internet; a destination is one of those or an address,
// with an optional :tcp/PORT, :udp/PORT or :icmp for the kind of traffic (all kinds without one).

const SUFFIX = /^(.*?)(?::(?:(tcp|udp)\/([0-9]{1,5})|(icmp)))?$/i;
const SHOWN_NAMES = 12;

function jailNames(topology: Topology): string {
  const names = topology.stacks.flatMap((s) => (s.kind === 'jail' ? [s.name] : []));
  if (names.length === 0) return 'the design has no jails';
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  return names.length > SHOWN_NAMES ? `${shown} and ${names.length - SHOWN_NAMES} more` : shown;
}

function named(topology: Topology, text: string): Source | undefined {
  const word = text.toLowerCase();
  const lans = topology.segments.filter((s) => s.kind === 'lan');
  if (word === 'internet')
    return topology.segments.some((s) => s.kind === 'internet') ? { kind: 'internet' } : undefined;
  if (word === 'host') {
    const host = topology.stacks.find((s) => s.kind === 'host');
    return host && { kind: 'stack', id: host.id };
  }
  if (word === 'lan') return lans[0] && { kind: 'lan', id: lans[0].id };
  const jail = topology.stacks.find((s) => s.kind === 'jail' && s.name === text);
  if (jail) return { kind: 'stack', id: jail.id };
  const lan = lans.find((l) => l.name === text);
  return lan && { kind: 'lan', id: lan.id };
}

export function parseFrom(topology: Topology, text: string): Source {
  const source = named(topology, text.trim());
  if (!source)
    throw new UsageError(
      `--from "${text}" is not in the design: --from takes a jail's name (${jailNames(topology)}), host, lan or internet.`,
      { field: '--from' },
    );
  return source;
}

export interface AskedDestination {
  destination: Destination;
  /** The family of a typed address; a named destination is asked in both. */
  family: 4 | 6;
  /** For a named destination (a typed address carries its own): the kind of traffic to ask about. */
  probe?: Probe;
}

export function parseTo(topology: Topology, text: string): AskedDestination {
  const fail = (why: string) =>
    new UsageError(
      `--to "${text}": ${why}. --to takes a jail's name (${jailNames(topology)}), lan, internet, host or an address, optionally followed by :tcp/PORT, :udp/PORT or :icmp (like www-jail:tcp/443 or 10.0.0.7:udp/53).`,
      { field: '--to' },
    );
  const match = SUFFIX.exec(text.trim())!;
  const target = match[1]!.replace(/^\[(.*)\]$/, '$1');
  const proto = (match[2] ?? match[4])?.toLowerCase() as 'tcp' | 'udp' | 'icmp' | undefined;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (/:(tcp|udp)$/i.test(target)) throw fail('tcp and udp need a port, like :tcp/443');
  if (port !== undefined && (port < 1 || port > 65535)) throw fail(`port ${port} is outside 1-65535`);
  const probe: Probe | undefined = proto && (proto === 'icmp' ? { proto } : { proto, port: port! });
  if (/^[0-9.]+$/.test(target)) {
    const typed = parseTypedDestination(text.trim());
    if ('error' in typed) throw fail(typed.error);
    return { destination: typed, family: 4 };
  }
  if (target.includes(':')) {
    const parsed = parseAddr(target);
    if (!parsed) throw fail(`"${target}" is not an IPv6 address`);
    return { destination: { kind: 'address', address: target, ...(probe ? { probe } : {}) }, family: 6 };
  }
  const place = named(topology, target);
  if (!place) throw fail(`"${target}" is not a jail, LAN or address of the design`);
  const destination: Destination =
    place.kind === 'internet'
      ? place
      : place.kind === 'lan'
        ? { kind: 'lan', id: place.id }
        : topology.stacks.find((s) => s.id === place.id)?.kind === 'host'
          ? { kind: 'host' }
          : { kind: 'stack', id: place.id };
  return { destination, family: 4, ...(probe ? { probe } : {}) };
}

/** The pair explained; a named destination with a probe is asked again at the address chosen for it. */
export function explainPair(topology: Topology, source: Source, asked: AskedDestination): Explanation {
  const { destination, family, probe } = asked;
  if (!probe) return explain(topology, source, destination, 'from-design', family);
  // A named destination is probed at the address the audit picks for it (per family): the one
  // kind of traffic is asked there.
  const first = explain(topology, source, destination);
  const at = (answer: Explanation, inFamily: 4 | 6) =>
    answer.address && !answer.noIpv6
      ? explain(topology, source, { kind: 'address', address: answer.address, probe }, 'from-design', inFamily)
      : answer;
  const four = at(first, first.family ?? 4);
  const six = first.ipv6 && at(first.ipv6, 6);
  return { ...four, ...(six ? { ipv6: six } : {}) };
}
