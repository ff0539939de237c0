import { formatCidr, formatIp, networkOf, parseCidr, parseIp } from '../net/ip';
import {
  ALLOW_DENY_ANCHOR,
  compileAllowDeny,
  compileIntentRules,
  endpointHosts,
  INTENTS_ANCHOR,
} from '../pf/compile-intents';
import { NAT_ANCHOR } from '../pf/compile';
import { parsePf } from '../pf/parse';
import { pfSteps, type PfState } from '../plan/pf-steps';
import {
  TopologySchema,
  type HostStack,
  type Intent,
  type NatRule,
  type Segment,
  type Stack,
  type Topology,
} from '../topology/schema';
import { validate } from '../validate/validate';
import { candidates, cover, inAnchorOrder, printedRules, uniqueIds, type Printed } from './host-as-design-intents';

// A host as discovery reads it, turned into a design the editor can open: the same stacks, names
// and cables, the LAN and the internet behind the default route, and what Patchbay's own pf anchors
// on the host mean (its NAT rules and its intents, read back from the rules they compile to). Planning
// the result against the same host is empty (host-as-design.property.test.ts checks it on the emulator).
//
// Intents leave no trace on the host but their rules, so they are recovered by trying: every intent
// a jail, bridge or segment could have is compiled on its own, those whose every rule is in the
// anchor are kept, and the whole is accepted only when it compiles to exactly what the host runs
// (the same comparison the planner makes). Whatever cannot be read back is said in `notes`.

/** What discovery read, as the agent answers `state.read`. */
export interface DiscoveredHost {
  topology: Topology;
  pf: PfState;
}

export interface HostAsDesign {
  topology: Topology;
  /** What the design could not carry over, in words; empty when it is the host exactly. */
  notes: string[];
}

/** `nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin`, as compile.ts writes and pfctl prints it. */
const NAT_LINE = /^nat on (\S+) (?:inet6? )?from (\S+) to any -> \((\S+)\)/;

/** The LAN the host's IPv4 default route leaves through, and the internet behind it. */
export function segmentsOf(host: HostStack): Segment[] {
  const gateway = host.defaultGateway.ipv4;
  const gatewayIp = gateway === undefined ? undefined : parseIp(gateway);
  if (!gatewayIp?.ok) return [];
  for (const nic of host.interfaces.filter((i) => i.kind === 'physical')) {
    for (const address of nic.addresses) {
      const cidr = parseCidr(address);
      if (!cidr.ok || cidr.value.family !== 4) continue;
      const bits = BigInt(32 - cidr.value.prefix);
      if (gatewayIp.value.value >> bits !== cidr.value.address >> bits) continue;
      const lan = formatCidr({ ...cidr.value, address: networkOf(cidr.value) });
      return [
        { kind: 'lan', id: 'lan', name: 'LAN', cidr: lan, gateway, uplink: nic.id },
        { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
      ];
    }
  }
  return [];
}

/** pfctl prints a single address without its prefix length; a design's NAT sources are CIDR. */
function asCidr(address: string): string {
  return address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`;
}

/** One printed nat line of the nat anchor: where it translates and what. */
interface NatLine {
  egress: string;
  source: string;
}

/** The nat anchor's lines that Patchbay writes (an egress translated to its own address), in order. */
function natLinesOf(host: HostStack, pf: PfState): NatLine[] {
  const lines = pf.anchors.find((a) => a.name === NAT_ANCHOR)?.nat ?? [];
  return lines.flatMap((line) => {
    const match = NAT_LINE.exec(line);
    const egress = match && match[1] === match[3] ? host.interfaces.find((i) => i.name === match[1]) : undefined;
    return match && egress ? [{ egress: egress.id, source: asCidr(match[2]!) }] : [];
  });
}

/** Lines as a design's nat rules: one rule per egress with its sources in the lines' order. */
function asNatRules(lines: NatLine[]): NatRule[] {
  const rules: NatRule[] = [];
  for (const { egress, source } of lines) {
    const rule = rules.find((r) => r.egress === egress);
    if (rule) rule.sources.push(source);
    else rules.push({ egress, sources: [source] });
  }
  return rules;
}

/**
 * Which of the nat lines are the design's own rules: compile.ts writes the design's rules first and
 * then a line for each source an intent sends out that they do not cover (compileIntentNat), so the
 * design's rules are a head of the lines and the intents' a tail whose every source an intent
 * translates. Each such split, the longest tail first; the whole as the design's rules comes last.
 */
function natSplits(lines: NatLine[], leaving: ReadonlySet<string>): NatRule[][] {
  const splits: NatRule[][] = [];
  for (let head = 0; head <= lines.length; head++)
    if (lines.slice(head).every((l) => leaving.has(l.source))) splits.push(asNatRules(lines.slice(0, head)));
  return splits;
}

/** A discovered stack as a design holds it: no MACs (the kernel's or Patchbay's own), no printed pf. */
function asDesignStack(stack: Stack): Stack {
  const { pf: _printed, bridgeFilter, ...rest } = stack;
  void _printed;
  const defaults = bridgeFilter === undefined || (bridgeFilter.member && bridgeFilter.bridge);
  return {
    ...rest,
    ...(defaults ? {} : { bridgeFilter }),
    interfaces: stack.interfaces.map((iface) => {
      const copy = { ...iface };
      delete copy.mac;
      return copy;
    }),
  };
}

/**
 * Interfaces in the order the anchors name their addresses. A stack's addresses compile in the order
 * of its interfaces (the host's own are every internet-only jail's blocks), and pf rules are
 * compared in order, while discovery lists interfaces as ifconfig does (NICs first). Interfaces
 * no rule names keep their place after the others.
 */
function orderByMention(stacks: Stack[], pf: PfState) {
  const lines = pf.anchors.flatMap((a) => [...a.nat, ...a.rules]);
  const words = lines.map((line) => new Set(line.split(/\s+/)));
  const mention = (iface: Stack['interfaces'][number]) => {
    const forms = iface.addresses.flatMap((a) => {
      const cidr = parseCidr(a);
      if (!cidr.ok) return [];
      const ip = formatIp({ family: cidr.value.family, value: cidr.value.address });
      // Only a stack's own addresses compile in interface order (a bridge's networks are one interface's).
      return [ip];
    });
    const at = words.findIndex((set) => forms.some((f) => set.has(f)));
    return at < 0 ? Infinity : at;
  };
  for (const stack of stacks) {
    const order = new Map(stack.interfaces.map((i, n) => [i.id, [mention(i), n] as const]));
    stack.interfaces.sort((x, y) => {
      const [mx, nx] = order.get(x.id)!;
      const [my, ny] = order.get(y.id)!;
      return mx === my ? nx - ny : mx < my ? -1 : 1;
    });
  }
}

/** The host `read` as a design named `name`; see the top of this file. */
export function hostAsDesign(read: DiscoveredHost, name: string): HostAsDesign {
  const notes: string[] = [];
  const unpaired = new Set(
    read.topology.stacks.flatMap((s) =>
      s.interfaces.filter((i) => i.kind === 'epair' && i.peer.startsWith('unpaired:')).map((i) => i.id),
    ),
  );
  const stacks = read.topology.stacks.map((stack) => {
    const kept = asDesignStack(stack);
    for (const iface of stack.interfaces.filter((i) => unpaired.has(i.id)))
      notes.push(`Epair end ${iface.name} has no other end on this host, so the design leaves it out.`);
    return {
      ...kept,
      interfaces: kept.interfaces
        .filter((i) => !unpaired.has(i.id))
        .map((i) => (i.kind === 'bridge' ? { ...i, members: i.members.filter((m) => !unpaired.has(m)) } : i)),
    };
  });
  const host = stacks.find((s): s is HostStack => s.kind === 'host');
  if (!host) throw new Error('the host read has no host stack');
  orderByMention(stacks, read.pf);
  const found = segmentsOf(host);
  // Whether the LAN leads to the internet is not on the host; the intents' rules tell, so each
  // reading is tried: the LAN and the internet, the LAN alone, neither.
  const segmentChoices = found.length ? [found, found.filter((s) => s.kind === 'lan'), []] : [[]];
  const readings: Topology[] = [];
  for (const segments of segmentChoices) {
    const base = TopologySchema.parse({
      ...read.topology,
      name,
      stacks,
      segments,
      intents: [],
      layout: { positions: {} },
    });
    const tried = readingsOf(base, read.pf);
    readings.push(tried[0]!);
    const exact = tried.find(
      (t) => pfSteps(t, read.pf).length === 0 && !validate(t).some((p) => p.severity === 'error'),
    );
    if (exact) return { topology: withHostPf(exact, read.topology, notes), notes };
  }
  const first = readings[0]!;
  // No reading is exact either because the anchors hold rules no design compiles to, or because the
  // host itself reads as a design with errors (then the anchors may be fine): each is said on its own.
  const differ = [...new Set(pfSteps(first, read.pf).map((s) => s.summary.replace(/^.* anchor /, '')))];
  if (differ.length)
    notes.push(
      `Patchbay's pf anchor(s) ${differ.join(', ')} on this host hold rules that read back as no intent or NAT rule of a design; the design leaves them out, so planning it would rewrite them.`,
    );
  const errors = validate(first).filter((p) => p.severity === 'error');
  if (errors.length)
    notes.push(
      `The host as read is not a valid design: ${[...new Set(errors.map((e) => e.message))].join(' ')} Fix it in the design (or on the host) before planning.`,
    );
  return { topology: withHostPf(first, read.topology, notes), notes };
}

/**
 * The host's own pf rules as read (rdr port forwards, Bastille's anchors), kept in the design so its
 * audit sees what the host runs; Patchbay's anchors in them are replaced by the design's when it is
 * audited (effective-pf.ts). Left out when Patchbay's hooks are all there is, and, with a note, when
 * the audit cannot read them.
 */
function withHostPf(design: Topology, read: Topology, notes: string[]): Topology {
  const printed = read.stacks.find((s) => s.kind === 'host')?.pf;
  if (!printed) return design;
  const own = (text: string) => {
    const { ruleset } = parsePf(text);
    return [...ruleset.filter, ...ruleset.translation].some(
      (r) => r.kind !== 'anchor' || !/^patchbay(\/|$)/.test(r.name),
    );
  };
  if (!own(printed.rules) && !own(printed.nat)) return design;
  const kept: Topology = {
    ...design,
    stacks: design.stacks.map((s) => (s.kind === 'host' ? { ...s, pf: printed } : s)),
  };
  const problem = validate(kept).find((p) => p.severity === 'error' && p.path.includes('pf'));
  if (!problem) return kept;
  notes.push(`The host's own pf rules are left out of the design: ${problem.message}`);
  return design;
}

/**
 * The design `base` with the intents and NAT read from the anchors, once for each way the nat lines
 * split into the design's rules and the intents' (natSplits).
 */
function readingsOf(base: Topology, pf: PfState): Topology[] {
  const host = base.stacks.find((s): s is HostStack => s.kind === 'host')!;
  const printedOf = (anchor: string) => {
    const a = pf.anchors.find((x) => x.name === anchor);
    return a ? [...a.nat, ...a.rules] : [];
  };
  const natLines = natLinesOf(host, pf);
  const nat = asNatRules(natLines);
  const withNat = (rules: NatRule[]): Topology => ({
    ...base,
    stacks: base.stacks.map((s) => (s.kind === 'host' ? { ...s, nat: rules } : s)),
  });
  const intentRules = printedRules(printedOf(INTENTS_ANCHOR));
  const policyRules = printedRules(printedOf(ALLOW_DENY_ANCHOR));
  const subjectKinds: Intent['kind'][] = ['isolated', 'unreachable', 'internet-only', 'lan-only', 'may-reach'];
  return [true, false].flatMap((mergePorts) => {
    const read = (printed: Printed, compile: (t: Topology) => string[], kinds: Intent['kind'][]) =>
      inAnchorOrder(
        cover(candidates(withNat(nat), printed, compile, kinds, mergePorts), printed),
        base,
        printed,
        compile,
      );
    const intents = uniqueIds([
      ...read(intentRules, compileIntentRules, subjectKinds),
      ...read(policyRules, compileAllowDeny, ['deny', 'allow']),
    ]);
    const leaving = intents.flatMap((i) => {
      const from =
        i.kind === 'internet-only' || i.kind === 'lan-only'
          ? endpointHosts(base, i.subject)
          : i.kind === 'may-reach' && i.to.kind === 'segment'
            ? endpointHosts(base, i.from)
            : [];
      return from === 'any' ? [] : from.map(asCidr);
    });
    return natSplits(natLines, new Set(leaving)).map((rules) => ({ ...withNat(rules), intents }));
  });
}
