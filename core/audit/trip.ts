import type { Addr } from '../net/addr';
import { decide, type Decision, type Packet, type Protocol } from '../pf/evaluate';
import type { TranslationRule, Uncertainty } from '../pf/ruleset';
import { translateIn, translateOut } from '../pf/translate';
import type { AuditInterface, AuditLan, AuditNetwork, AuditStack } from './network';

// What one packet's trip through the model (walk.ts) is made of and gives back: the places it goes
// between, the probe it carries, the steps and outcome it reports, the checkpoints a replay asks
// again, the states and translations a reply needs, and how pf is asked on the way.

export type Place = { kind: 'stack'; stack: AuditStack } | { kind: 'lan'; lan: AuditLan } | { kind: 'internet' };

export interface Probe {
  proto: Protocol;
  /** Destination port for tcp and udp. */
  port?: number;
  /** Stands for every port no rule names. */
  other?: boolean;
}

export interface RuleRef {
  anchor: string;
  line: number;
  text: string;
}

export interface Step {
  /** Stack id the step happens in, when it happens in one. */
  stack?: string;
  /** Interface id involved. */
  iface?: string;
  kind: 'route' | 'pf' | 'nat' | 'rdr' | 'wire' | 'bridge' | 'deliver' | 'drop';
  /** The LAN segment the packet is on at this step. */
  segment?: string;
  /** The step where pf dropped the packet. */
  blocked?: true;
  text: string;
  rule?: RuleRef;
}

export type Outcome =
  | { kind: 'delivered'; at: Place }
  | { kind: 'blocked'; reason: string; rule?: RuleRef; stack: string }
  /** `needsNat`: the reply is for a private address that nothing beyond the host routes back. */
  | { kind: 'no-route'; reason: string; needsNat?: true };

export interface Trip {
  outcome: Outcome;
  src: Addr;
  dst: Addr;
  /** The interface the packet entered its last stack on: the zone a link-local reply goes back out of. */
  arrivedOn?: string | undefined;
  /** Filled only when a trace was asked for. */
  steps: Step[];
  /** Interfaces crossed, in order, with the direction the packet went (for traffic and highlighting). */
  crossed: { iface: AuditInterface; direction: 'tx' | 'rx' | 'forward' }[];
  /** The destination port as it arrived, when a translation rewrote it (rdr ... port 22). */
  dport?: number;
  /** A rule on the way the audit could not evaluate in full, which could change this trip's outcome. */
  uncertain?: { rule: RuleRef; reason: string };
}

/** A point where pf looked at the packet, as the walk met it. */
export interface Checkpoint {
  stack: AuditStack;
  iface: string;
  direction: 'in' | 'out';
  src: Addr;
  dst: Addr;
  /** A reply passing an interface with translation rules (see Walker.nat). */
  nat?: boolean;
  /** A request asked for rdr and binat on the way in (see Walker.redirectIn). */
  rdr?: boolean;
  /** For `out`: the interface the packet came into the stack on (received-on). */
  rcvif?: string;
  /** pf's part of the answer here that no probe changes, worked out on the first replay (PfEvaluator.prepare). */
  prepared?: PreparedPoint;
}

/**
 * What an evaluator keeps of one checkpoint between the probes that replay it: whatever does not
 * depend on the probe (fast-pf: the rules its interface, direction and addresses allow), or null
 * when each probe must be asked in full.
 */
export type PreparedPoint = Uint32Array | Decision | null;

export interface Flows {
  // Both maps start as shared empty ones and are replaced on first write: most walks write none.
  /** Per stack: whether the trip created an `in` state and an `out` state there. */
  states: Map<AuditStack, { in: boolean; out: boolean }>;
  /** Per stack that translated the source: the original and the translated address. */
  nats: Map<AuditStack, { original: Addr; translated: Addr }>;
  /**
   * Per stack that redirected the destination (rdr, binat, rdr-to): the original and the translated
   * address and port; the reply's source is translated back where it leaves that stack.
   */
  rdrs: Map<AuditStack, { original: Addr; originalPort?: number; translated: Addr; translatedPort?: number }>;
  /** The destination port the packet arrived with, when a translation changed it (the reply's source port). */
  dport?: number;
  /**
   * The unjailed stack that sent the request, when it shares its stack with shared-IP jails: its
   * socket owns whatever local address it sent from, a jail's included (see Walker.receiver).
   */
  sender?: AuditStack;
}

/** A state a packet created in a stack, as the same packet would find it again (see `sameState`). */
export interface OwnState {
  stack: AuditStack;
  direction: 'in' | 'out';
  src: Addr;
  dst: Addr;
}

/**
 * Whether the packet (src → dst, going `direction`) meets a state it created itself earlier in
 * this stack. pf's state key is the packet's addresses and ports ordered by direction, so the same
 * packet going the same way finds it; a state created `in` is not found by the packet going `out`.
 */
export function sameState(
  states: readonly OwnState[] | undefined,
  stack: AuditStack,
  direction: 'in' | 'out',
  src: Addr,
  dst: Addr,
): boolean {
  return (
    states !== undefined &&
    states.some((s) => s.stack === stack && s.direction === direction && s.src === src && s.dst === dst)
  );
}

/**
 * The client side of every probe: a port in FreeBSD's default ephemeral range (net.inet.ip.portrange.first-last:
 * 10000-65535, netinet/in.h).
 */
export const EPHEMERAL_PORT = 50_000;
const probeKeys = new WeakMap<Probe, number>();
let nextProbeKey = 0;

/** A small number per probe object, so pf's memory of answers can use integer keys. */
export function probeKey(probe: Probe): number {
  let key = probeKeys.get(probe);
  if (key === undefined) {
    key = nextProbeKey++;
    probeKeys.set(probe, key);
  }
  return key;
}

/**
 * The packet a probe starts as (addresses and interface filled in hop by hop). A reply travels from
 * the server's port back to the client's ephemeral one.
 */
export function probePacket(probe: Probe, reply: boolean): Packet {
  return {
    proto: probe.proto,
    src: 0,
    dst: 0,
    dport: reply ? EPHEMERAL_PORT : probe.port,
    sport: reply ? probe.port : EPHEMERAL_PORT,
    iface: '',
    direction: 'in',
    probeKey: probeKey(probe) * 2 + (reply ? 1 : 0),
  };
}

/** A translation rule's answer for one packet, as the walk uses it. */
export interface Translated {
  rule: TranslationRule;
  /** The new source (out: nat, binat) or destination (in: rdr, binat). */
  address: Addr;
  /** The new destination port (rdr ... port N). */
  port?: number;
  /** `nat pass` / `rdr pass` / `binat pass`: the filter rules are not asked (pf.c pf_test_rule, natpass). */
  pass: boolean;
  uncertain?: Uncertainty;
}

/** How pf answers inside a walk: the reference evaluation, or a faster one giving the same answers. */
export interface PfEvaluator {
  decide(stack: AuditStack, packet: Packet): Decision;
  /** binat then nat for a packet going out (pf_get_translation, PF_OUT). */
  nat(stack: AuditStack, packet: Packet): Translated | undefined;
  /** rdr then binat for a packet coming in (pf_get_translation, PF_IN). */
  rdr(stack: AuditStack, packet: Packet): Translated | undefined;
  /** False when no translation rule can apply on the interface (so the walk need not ask rdr there). */
  mayTranslate?(stack: AuditStack, iface: string): boolean;
  /**
   * For replays, which ask one checkpoint again per probe: the part of `decide` that only the packet's
   * interface, direction and addresses decide, and `decide` finished from it for one probe's packet
   * (the same answer as `decide` for a packet with that checkpoint's interface, direction and addresses).
   */
  prepare?(stack: AuditStack, packet: Packet): PreparedPoint;
  decidePrepared?(stack: AuditStack, prepared: PreparedPoint, packet: Packet): Decision;
}

export const referencePf: PfEvaluator = {
  decide: (stack, packet) => decide(stack.pf!.ctx, stack.pf!.ruleset, packet),
  nat: (stack, packet) => {
    const t = translateOut(stack.pf!.ctx, stack.pf!.ruleset, packet);
    return t && { rule: t.rule, address: t.src, pass: t.pass, ...(t.uncertain ? { uncertain: t.uncertain } : {}) };
  },
  rdr: (stack, packet) => {
    const t = translateIn(stack.pf!.ctx, stack.pf!.ruleset, packet);
    return (
      t && {
        rule: t.rule,
        address: t.dst,
        ...(t.dport !== undefined ? { port: t.dport } : {}),
        pass: t.pass,
        ...(t.uncertain ? { uncertain: t.uncertain } : {}),
      }
    );
  },
};

export function placeName(place: Place): string {
  if (place.kind === 'stack')
    return place.stack.kind === 'host' ? `the host (${place.stack.label})` : place.stack.label;
  return place.kind === 'lan' ? place.lan.name : 'the internet';
}

/** The address a place sends from, in the family of `dst` (a stack's is chosen from its outgoing interface). */
export function placeAddress(net: AuditNetwork, place: Place, family: 4 | 6 = 4): Addr {
  if (family === 6) {
    if (place.kind === 'lan') return place.lan.sample6 ?? 0n;
    if (place.kind === 'internet') return net.internetSample6;
    return 0n;
  }
  if (place.kind === 'lan') return place.lan.sample;
  if (place.kind === 'internet') return net.internetSample;
  return 0;
}

export function samePlace(a: Place, b: Place): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'stack') return a.stack === (b as typeof a).stack;
  if (a.kind === 'lan') return a.lan === (b as typeof a).lan;
  return true;
}
