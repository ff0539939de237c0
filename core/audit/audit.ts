import { familyOf, formatAddr, parseAddr, type Addr, type AddrFamily } from '../net/addr';
import type { Packet } from '../pf/evaluate';
import type { Topology } from '../topology/schema';
import type { PatchbayAnchors } from './effective-pf';
import { fastPf } from './fast-pf';
import { buildNetwork, type AuditInterface, type AuditNetwork } from './network';
import { natIgnoresProbes, probeName, probeSet, type ProbeSet } from './probes';
import { redirectedOnTheWay, replayPoints, type Arrival, type Replayed } from './replay';
import { inheritsFamily, inheritsFor } from './shared-jails';
import { routableAddresses6, targetsOf, type Destination, type Targets } from './targets';

export { primaryAddress, routableAddresses6, type Destination } from './targets';
import {
  addressVerdict,
  better,
  summarize,
  tallyVerdict,
  type Tally,
  type FamilyVerdict,
  type PairVerdict,
  type ProbeVerdict,
  type Source,
  type Verdict,
} from './verdict';

export { REACHES, VERDICTS, type FamilyVerdict, type PairVerdict, type Source, type Verdict } from './verdict';
import {
  placeName,
  probePacket,
  samePlace,
  walk,
  type Checkpoint,
  type Flows,
  type PfEvaluator,
  type Place,
  type Probe,
  type Trip,
} from './walk';

export class Auditor {
  readonly net: AuditNetwork;
  readonly pf: PfEvaluator;

  /** No translation rule names a protocol or port, so a trip's route and nat are the same for every probe. */
  private readonly natIgnoresProbes: boolean;
  /** Each family's probes: an inet6 rule's port is no kind of IPv4 traffic, nor an inet rule's of IPv6. */
  private readonly probeSets: Readonly<Record<AddrFamily, ProbeSet>>;

  /** `pf` defaults to the bit-set evaluator; the reference one (`referencePf`) is for comparisons. */
  constructor(topology: Topology, patchbay: PatchbayAnchors = 'from-design', options: { pf?: PfEvaluator } = {}) {
    this.net = buildNetwork(topology, patchbay);
    this.probeSets = { 4: probeSet(this.net, 4), 6: probeSet(this.net, 6) };
    this.natIgnoresProbes = natIgnoresProbes(this.net);
    this.pf = options.pf ?? fastPf();
  }

  /** The kinds of traffic a pair of `family` is asked about. */
  probesOf(family: AddrFamily): readonly Probe[] {
    return this.probeSets[family].all;
  }

  /** Every kind of traffic asked in either family, by name (IPv4's first): what a report lists. */
  get probeNames(): string[] {
    return [...new Set([...this.probesOf(4), ...this.probesOf(6)].map(probeName))];
  }

  place(source: Source): Place | undefined {
    if (source.kind === 'internet') return this.net.hasInternet ? { kind: 'internet' } : undefined;
    if (source.kind === 'lan') {
      const lan = this.net.lans.find((l) => l.id === source.id);
      return lan && { kind: 'lan', lan };
    }
    const stack = this.net.stackById.get(source.id);
    return stack && { kind: 'stack', stack };
  }

  /**
   * A stack source's pinned address and egress, checked: the address must be one of the stack's
   * own (ping -S refuses any other: bind(2) gives EADDRNOTAVAIL), the egress one of its interfaces.
   */
  private pinned(source: Source, from: Place): Pinned | { error: string } {
    if (source.kind !== 'stack' || from.kind !== 'stack') return {};
    const stack = from.stack;
    const pinned: Pinned = {};
    if (source.address !== undefined && source.address.trim() !== '') {
      const parsed = parseAddr(source.address.trim());
      if (!parsed) return { error: `the source "${source.address}" is not an IPv4 or IPv6 address` };
      const inherited = inheritsFor(stack, parsed.address) && stack.shares!.local.has(parsed.address);
      if (!stack.local.has(parsed.address) && !inherited)
        return { error: `${stack.label} has no address ${formatAddr(parsed.address)}: it cannot send from it` };
      pinned.src = parsed.address;
    }
    if (source.egress !== undefined && source.egress.trim() !== '') {
      const name = source.egress.trim();
      const network = stack.shares ?? stack;
      const iface = network.interfaces.find((i) => i.id === name || i.name === name);
      if (!iface) return { error: `${stack.label} has no interface "${name}" to send out of` };
      if (!iface.up) return { error: `${stack.label}'s interface ${iface.name} is down` };
      pinned.egress = iface;
    }
    return pinned;
  }

  private readonly hostTargets = new Map<AddrFamily, Addr[]>();

  /** Whether a source has anything to send from in `family`: IPv6 needs a global or unique-local address. */
  sendsIn(from: Place, family: AddrFamily): boolean {
    if (family === 4) return true;
    if (from.kind === 'internet') return this.net.hasInternet6;
    if (from.kind === 'lan') return from.lan.net6 !== undefined;
    return routableAddresses6(from.stack).length > 0;
  }

  /** The addresses a destination is probed at, and where a packet to them must end up. */
  targets(destination: Destination, family: AddrFamily = 4): Targets {
    return targetsOf(this.net, destination, family, this.hostTargets);
  }

  /**
   * One probe there and back. `trace` keeps every hop of both trips; 'forward' only the request's
   * (the Exposed view reads the rules on the way in, and thousands of traced replies were a third
   * of its time).
   */
  probeOnce(
    from: Place,
    address: Addr,
    probe: Probe,
    at: Place | undefined,
    trace: boolean | 'forward',
    reasons = true,
    zone?: string,
    pinned: Pinned = {},
    record?: Checkpoint[],
  ): ProbeVerdict {
    const forward = walk(this.net, from, address, probe, {
      trace: trace !== false,
      reasons,
      pf: this.pf,
      zone,
      ...(record ? { record } : {}),
      ...(pinned.src !== undefined ? { src: pinned.src } : {}),
      ...(pinned.egress !== undefined ? { egress: pinned.egress } : {}),
    });
    const arrived = forward.outcome;
    if (arrived.kind !== 'delivered')
      return {
        probe,
        verdict: arrived.kind,
        reason: arrived.reason,
        ...(arrived.kind === 'blocked' && arrived.rule ? { rule: arrived.rule } : {}),
        forward,
      };
    if (at && !samePlace(arrived.at, at))
      return {
        probe,
        verdict: 'no-route',
        reason: `${formatAddr(address)} belongs to ${placeName(arrived.at)}, not ${placeName(at)}`,
        forward,
      };
    const reply = walk(this.net, arrived.at, forward.src, probe, {
      src: forward.dst,
      trace: trace === true,
      reasons,
      pf: this.pf,
      forward: forward.flows,
      zone: forward.arrivedOn,
    });
    const back = reply.outcome;
    // A redirected request's reply must come back from the address the client asked, or the
    // client drops it: only the stack holding the rdr state translates it back.
    const wrongSource = forward.flows.rdrs.size > 0 && reply.src !== address;
    if (back.kind === 'delivered' && samePlace(back.at, from) && !wrongSource)
      return {
        probe,
        verdict: 'reachable',
        reason: `reaches ${placeName(arrived.at)} and the reply comes back`,
        forward,
        reply,
      };
    const why =
      back.kind !== 'delivered'
        ? back.reason
        : wrongSource
          ? `it comes back from ${formatAddr(reply.src)}, not from ${formatAddr(address)}, the address asked`
          : `the reply ends up at ${placeName(back.at)}`;
    return {
      probe,
      verdict: 'one-way',
      reason: `the packet arrives, but the reply cannot come back: ${why}`,
      ...(back.kind === 'blocked' && back.rule ? { rule: back.rule } : {}),
      forward,
      reply,
    };
  }

  /**
   * The verdict alone, for matrices. The first probe walks the network and every pf question it
   * asks is recorded; the other probes only ask those same questions again (the route, the wire
   * and the nat do not depend on the probe when no translation rule names a protocol or port).
   * A reply's way does not depend on the states either: only whether it passes does.
   */
  verdict(source: Source, destination: Destination, family: AddrFamily = 4): Verdict {
    const verdict = this.familyVerdict(source, destination, family);
    return verdict === 'no-ipv6' ? 'no-route' : verdict;
  }

  /** As `verdict`, telling "no IPv6 here" apart from a real no-route. */
  familyVerdict(source: Source, destination: Destination, family: AddrFamily = 4): FamilyVerdict {
    const from = this.place(source);
    if (!from) return 'no-route';
    return this.familyVerdictTo(source, from, destination, this.targets(destination, family), family);
  }

  /**
   * familyVerdict with the source's place, the destination's targets and (for IPv6) whether the
   * source sends IPv6 already worked out: a matrix asks them once per row and column instead of once
   * per cell (the targets alone were a tenth of the dual-stack matrix, profiled). The caller must
   * give what `place`, `targets` and `sendsIn` answer for the network as it is now.
   */
  familyVerdictTo(
    source: Source,
    from: Place,
    destination: Destination,
    targets: Targets,
    family: AddrFamily,
    sends6: boolean = family === 4 || this.sendsIn(from, 6),
  ): FamilyVerdict {
    const full = () => this.pair(source, destination, { reasons: false, family }).verdict;
    const { addresses, at, probe, missing, noIpv6, zone } = targets;
    // The same order as pair(): a destination without IPv6, a missing one, a source without IPv6.
    if (noIpv6) return 'no-ipv6';
    if (missing) return 'no-route';
    if (family === 6 && !sends6) return 'no-ipv6';
    if (source.kind === 'stack' && (source.address !== undefined || source.egress !== undefined)) return full();
    if (probe || zone !== undefined || addresses.length === 0 || !this.natIgnoresProbes) return full();
    // Every address as pair() asks them (the host has one per interface): the first with the best
    // verdict, stopping at one that every probe reaches. Each address takes the replaying way below:
    // walking every probe to each of the host's 100-odd addresses was a seventh of the matrix (profiled).
    const probes = this.probeSets[family];
    let best: Exclude<Verdict, 'reachable'> | undefined;
    for (const address of addresses) {
      const tally = this.tally(from, address, at, probes);
      if (tally === 'full') return full();
      const verdict = tallyVerdict(tally, probes.all.length);
      if (verdict === 'reachable') return verdict;
      if (!best || better(verdict, best)) best = verdict;
    }
    return best!;
  }

  /**
   * One address's probes counted, as pair() counts them. The first probe walks the network and every
   * pf question it asks is recorded; the other probes only ask those same questions again. 'full'
   * when the pair must be asked as pair() asks it.
   */
  private tally(from: Place, address: Addr, at: Place | undefined, probes: ProbeSet): Tally | 'full' {
    const [first, ...others] = probes.all;
    const forwardPoints: Checkpoint[] = [];
    const replyPoints: Checkpoint[] = [];
    const forward = walk(this.net, from, address, first!, { reasons: false, pf: this.pf, record: forwardPoints });
    const arrived = forward.outcome;
    if (arrived.kind !== 'delivered' || (at && !samePlace(arrived.at, at)))
      return this.walked(from, address, at, probes);
    // A translated destination, or a filter rule's translation, may differ for other probes: those
    // pairs are walked in full (rdr rules name ports; most pairs never meet one).
    if (forward.flows.rdrs.size || forward.dport !== undefined) return 'full';
    const firstBack = this.recordedReply(from, arrived.at, forward, first!, replyPoints);
    const tally: Tally = { passed: 0 };
    const count = (result: Exclude<Verdict, 'partial'>, times = 1) => {
      if (result === 'reachable') tally.passed += times;
      else tally.firstFailure ??= result;
    };
    count(firstBack ? 'reachable' : 'one-way');
    // "Other ports" per protocol, when no translation met it: what a probe whose port only
    // translation rules name gets too, if no translation applies to it either.
    const otherResults = new Map<string, Exclude<Verdict, 'partial'>>();
    if (first!.other) otherResults.set(first!.proto, firstBack ? 'reachable' : 'one-way');
    // Most trips meet no interface with rdr rules: the probes only those rules name are then judged
    // together, as "other ports" of their protocol, after the loop.
    const redirectable = forwardPoints.some((p) => p.rdr);
    for (const probe of redirectable ? others : probes.filterProbes) {
      const asOther = probes.translationOnly.has(probe) ? otherResults.get(probe.proto) : undefined;
      if (asOther && !this.translatedOnTheWay(forwardPoints, probe)) {
        count(asOther);
        continue;
      }
      const states = this.replay(forwardPoints, probe, false, forward.flows);
      const walkIt = () => this.probeOnce(from, address, probe, at, false, false).verdict;
      let result: Exclude<Verdict, 'partial'>;
      if (states === 'walk') result = walkIt();
      else if (!states) result = 'blocked';
      else if (!firstBack) result = walkIt();
      else {
        const back = this.replay(replyPoints, probe, true, forward.flows, states);
        result = back === 'walk' ? walkIt() : back ? 'reachable' : 'one-way';
      }
      count(result);
      if (probe.other && states !== 'walk') otherResults.set(probe.proto, result);
    }
    if (!redirectable)
      for (const [proto, times] of probes.translationOnlyCount) {
        const result = otherResults.get(proto);
        if (result === undefined) return 'full';
        count(result, times);
      }
    return tally;
  }

  /**
   * The probes to an address whose first probe did not arrive (blocked, no route), each walked as
   * pair() does. A probe whose port only translation rules name is judged as its protocol's "other
   * ports" unless an rdr that trip asked applies to it: no filter rule tells the two apart and nat
   * ignores probes here, so their walks are the same. With 100 port forwards, that is 5 walks
   * instead of 105.
   */
  private walked(from: Place, address: Addr, at: Place | undefined, probes: ProbeSet): Tally {
    const twins = new Map<string, { verdict: Exclude<Verdict, 'partial'>; points: Checkpoint[] }>();
    const tally: Tally = { passed: 0 };
    for (const probe of probes.all) {
      const twin = probes.translationOnly.has(probe) ? twins.get(probe.proto) : undefined;
      let result: Exclude<Verdict, 'partial'>;
      if (twin && !this.translatedOnTheWay(twin.points, probe)) result = twin.verdict;
      else {
        // Only an "other ports" probe's trip is kept, and only when some probe may be its twin.
        const points = probe.other && probes.translationOnly.size > 0 ? [] : undefined;
        result = this.probeOnce(from, address, probe, at, false, false, undefined, {}, points).verdict;
        if (points) twins.set(probe.proto, { verdict: result, points });
      }
      if (result === 'reachable') tally.passed++;
      else tally.firstFailure ??= result;
    }
    return tally;
  }

  /**
   * How each of `probes` (all to `address`) fares, from one walk of the first there and back and
   * pf's recorded questions asked again for the others, as `tally` does for verdicts: 'reachable' or
   * 'one-way' where the first arrives (so does the probe, the same way), false where it does not,
   * 'walk' when the probe may take another way (a translation applies to it, or it passes where the
   * first was stopped) and must be walked on its own. Undefined when every probe must be walked (nat
   * naming ports, or a translation applied to the first). The Exposed view asks this of each address
   * and origin: two walks instead of three per kind of traffic.
   */
  arrivals(
    from: Place,
    address: Addr,
    probes: readonly Probe[],
  ): { trip: Trip; fates: Map<Probe, Arrival> } | undefined {
    const [first, ...others] = probes;
    if (!first || !this.natIgnoresProbes) return undefined;
    const forwardPoints: Checkpoint[] = [];
    const forward = walk(this.net, from, address, first, { reasons: false, pf: this.pf, record: forwardPoints });
    if (forward.flows.rdrs.size || forward.dport !== undefined) return undefined;
    const outcome = forward.outcome;
    const replyPoints: Checkpoint[] = [];
    const firstBack = outcome.kind === 'delivered' && this.recordedReply(from, outcome.at, forward, first, replyPoints);
    const fates = new Map<Probe, Arrival>([
      [first, outcome.kind !== 'delivered' ? false : firstBack ? 'reachable' : 'one-way'],
    ]);
    for (const probe of others) {
      const states = this.replay(forwardPoints, probe, false, forward.flows);
      let fate: Arrival;
      // Blocked where the first was not: false. Through every recorded question: the first's way,
      // unless the first was stopped by pf there (the way beyond was never recorded).
      if (states === 'walk') fate = 'walk';
      else if (states === undefined) fate = false;
      else if (outcome.kind === 'blocked') fate = 'walk';
      else if (outcome.kind !== 'delivered') fate = false;
      else if (!firstBack) fate = 'walk';
      else {
        const back = this.replay(replyPoints, probe, true, forward.flows, states);
        fate = back === 'walk' ? 'walk' : back ? 'reachable' : 'one-way';
      }
      fates.set(probe, fate);
    }
    return { trip: forward, fates };
  }

  /** Walks the reply to `forward`, recording pf's questions in `points`: whether it comes back to `from`. */
  private recordedReply(
    from: Place,
    at: Place,
    forward: Trip & { flows: Flows },
    probe: Probe,
    points: Checkpoint[],
  ): boolean {
    const reply = walk(this.net, at, forward.src, probe, {
      src: forward.dst,
      reasons: false,
      pf: this.pf,
      forward: forward.flows,
      record: points,
      zone: forward.arrivedOn,
    });
    return reply.outcome.kind === 'delivered' && samePlace(reply.outcome.at, from);
  }

  /** Whether an rdr or binat the trip asked on its way applies to this probe (replay.ts). */
  private translatedOnTheWay(points: Checkpoint[], probe: Probe): boolean {
    return redirectedOnTheWay(this.pf, points, probe);
  }

  /** pf's recorded questions asked again for another probe (replay.ts). */
  private replay(
    points: Checkpoint[],
    probe: Probe,
    reply: boolean,
    first: Flows,
    forwardStates?: Flows['states'],
  ): Replayed {
    return replayPoints(this.pf, points, this.replayPacket(probe, reply), reply, first, forwardStates);
  }

  /** One packet per probe and way, rewritten at every checkpoint (pf keeps no reference to it). */
  private readonly replayPackets = new Map<Probe, [Packet, Packet]>();

  private replayPacket(probe: Probe, reply: boolean): Packet {
    let pair = this.replayPackets.get(probe);
    if (!pair) this.replayPackets.set(probe, (pair = [probePacket(probe, false), probePacket(probe, true)]));
    return pair[reply ? 1 : 0];
  }

  /** The verdict for one pair; `trace` keeps every hop for the explanation. */
  pair(
    source: Source,
    destination: Destination,
    options: { trace?: boolean; reasons?: boolean; family?: AddrFamily } = {},
  ): PairVerdict {
    const family = options.family ?? 4;
    const from = this.place(source);
    if (!from)
      return {
        verdict: 'no-route',
        family,
        summary:
          source.kind === 'internet'
            ? 'the design has no internet segment'
            : `there is no ${source.kind === 'lan' ? 'LAN' : 'jail'} "${source.id}"`,
      };
    const pinned = this.pinned(source, from);
    if ('error' in pinned) return { verdict: 'no-route', family, summary: pinned.error };
    const { addresses, at, probe, missing, noIpv6, zone } = this.targets(destination, family);
    if (noIpv6) return { verdict: 'no-route', family, noIpv6, summary: `no IPv6 here: ${missing}` };
    if (missing) return { verdict: 'no-route', family, summary: missing };
    if (family === 6 && !this.sendsIn(from, 6))
      return { verdict: 'no-route', family, noIpv6: true, summary: `no IPv6 here: ${sourceWithout6(from)}` };
    if (addresses.length === 0)
      return { verdict: 'no-route', family, summary: `there is no IPv${family} address to reach` };
    const wrongFamily = pinned.src !== undefined && addresses.every((a) => typeof a !== typeof pinned.src);
    if (wrongFamily)
      return {
        verdict: 'no-route',
        family,
        summary: `the source ${formatAddr(pinned.src!)} is IPv${typeof pinned.src === 'number' ? 4 : 6}, the destination is not`,
      };
    let best: { results: ProbeVerdict[]; address: Addr; verdict: Verdict } | undefined;
    for (const address of addresses) {
      if (pinned.src !== undefined && typeof address !== typeof pinned.src) continue;
      const results = (probe ? [probe] : this.probesOf(familyOf(address))).map((p) =>
        this.probeOnce(from, address, p, at, options.trace ?? false, options.reasons ?? true, zone, pinned),
      );
      const verdict = addressVerdict(results);
      if (!best || better(verdict, best.verdict)) best = { results, address, verdict };
      if (verdict === 'reachable') break;
    }
    const asked = formatAddr(best!.address) + (zone !== undefined ? `%${zone}` : '');
    const verdict: PairVerdict = {
      ...summarize(best!.results, asked),
      family: typeof best!.address === 'bigint' ? 6 : 4,
    };
    const inherits = destination.kind === 'stack' ? this.net.stackById.get(destination.id) : undefined;
    if (inherits?.shares && inheritsFamily(inherits, family))
      verdict.summary += ` (${inherits.label} has ip${family} = inherit: it is reached at ${placeName({ kind: 'stack', stack: inherits.shares })}'s addresses)`;
    const trips = [verdict.explained, ...best!.results].flatMap((r) => (r ? [r.forward, r.reply] : []));
    const uncertain = trips.find((t) => t?.uncertain)?.uncertain;
    return uncertain ? { ...verdict, uncertain } : verdict;
  }
}

/** What a question from a stack pins: its source address, the interface it leaves by. */
interface Pinned {
  src?: Addr;
  egress?: AuditInterface;
}

function sourceWithout6(from: Place): string {
  if (from.kind === 'internet') return 'no LAN in front of the internet has an IPv6 prefix';
  if (from.kind === 'lan') return `${from.lan.name} has no IPv6 prefix`;
  return `${from.stack.label} has no IPv6 address`;
}
