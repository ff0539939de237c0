import {
  decide,
  interfaceMatches,
  isSkipped,
  portMatches,
  type Decision,
  type Packet,
  type PfContext,
} from '../pf/evaluate';
import type { Addr } from '../net/addr';
import type { AnchorRule, FilterRule, PfRuleset, Rule } from '../pf/ruleset';
import { unknownTable } from '../pf/rule-translation';
import { AddressBits, type FlatRule } from './address-bits';
import type { AuditStack } from './network';
import { referencePf, type PfEvaluator, type PreparedPoint, type Translated } from './walk';

// pf's decision (evaluate.ts `decide`, the reference) computed with bit sets, for matrices that ask
// it millions of times. A filter rule, together with the anchors it sits in, matches a packet when
// four independent parts match: interface and direction, protocol and port, source address,
// destination address. Each part is one bit set over the flattened rules, remembered per value;
// a decision is their AND, then "first quick match, else last match". audit.property.test.ts
// checks it against `decide` on random rulesets.
// Rulesets with a `quick` anchor keep the reference evaluation (rare, and its stop rule does not
// fit the single AND), and so do rulesets with what the bit sets do not model: received-on, nat-to /
// rdr-to / binat-to (a match rule's rewrites the packet for the rules after it), rules the audit
// marks uncertain, and tables the stack does not know (their doubts are the reference's to find).

type Flat = FlatRule;

/** What only the reference evaluation answers (see above). */
function needsReference(ctx: PfContext, rule: FilterRule | AnchorRule): boolean {
  if (rule.receivedOn || rule.uncertain || (rule.kind === 'filter' && rule.translations)) return true;
  return unknownTable(ctx, rule) !== undefined;
}

function flatten(ctx: PfContext, rules: readonly Rule[], chain: AnchorRule[], into: Flat[]): boolean {
  let simple = true;
  for (const rule of rules) {
    if (rule.kind === 'filter') {
      if (needsReference(ctx, rule)) simple = false;
      if (rule.action !== 'match') into.push({ rule, chain });
    } else if (rule.kind === 'anchor' && rule.body) {
      if (rule.quick || needsReference(ctx, rule)) simple = false;
      simple = flatten(ctx, rule.body, [...chain, rule], into) && simple;
    }
  }
  return simple;
}

/**
 * A map keyed by address. V8 hashes a bigint by its lowest 64-bit digit only, so IPv6 addresses
 * that differ only in their upper half (one interface id in many subnets, as every jail's ::2 is)
 * share a hash and a Map chain: measured 1.7 µs a lookup among 600 of them, 34 ns when the low half
 * differs. IPv6 keys go through a map keyed by the upper half (its lowest digit is the subnet, well
 * spread) to a map keyed by the address (its lowest digit now tells the keys apart): ~64 ns.
 */
class AddrMap {
  private readonly v4 = new Map<number, number>();
  private readonly v6 = new Map<bigint, Map<bigint, number>>();

  get(address: Addr): number | undefined {
    return typeof address === 'number' ? this.v4.get(address) : this.v6.get(address >> 64n)?.get(address);
  }

  set(address: Addr, value: number): void {
    if (typeof address === 'number') {
      this.v4.set(address, value);
      return;
    }
    const upper = address >> 64n;
    let inner = this.v6.get(upper);
    if (!inner) this.v6.set(upper, (inner = new Map()));
    inner.set(address, value);
  }
}

class BitRuleset {
  private readonly flat: Flat[] = [];
  private readonly words: number;
  private readonly quick: Uint32Array;
  readonly simple: boolean;
  private readonly probeBits = new Map<string, Uint32Array>();
  private readonly srcBits = new AddrMap();
  private readonly dstBits = new AddrMap();
  /** Interned address bit sets: id → bits. */
  private readonly interned: Uint32Array[] = [];
  private readonly internKeys = new Map<string, number>();

  constructor(
    readonly ruleset: PfRuleset,
    readonly ctx: PfContext,
  ) {
    this.simple = flatten(ctx, ruleset.filter, [], this.flat);
    this.words = Math.max(1, Math.ceil(this.flat.length / 32));
    this.quick = this.bits((f) => f.rule.quick);
  }

  private bits(test: (flat: Flat) => boolean): Uint32Array {
    const out = new Uint32Array(this.words);
    this.flat.forEach((f, i) => {
      if (test(f)) out[i >>> 5]! |= 1 << (i & 31);
    });
    return out;
  }

  private intern(bits: Uint32Array): number {
    const key = bits.join(',');
    let id = this.internKeys.get(key);
    if (id === undefined) {
      id = this.interned.length;
      this.interned.push(bits);
      this.internKeys.set(key, id);
    }
    return id;
  }

  /** Asked once per interface and direction (the checkpoints keep the answer). */
  private forIface(iface: string, direction: 'in' | 'out'): Uint32Array {
    const fits = (r: FilterRule | AnchorRule) =>
      (!r.direction || r.direction === direction) && interfaceMatches(this.ctx, r.on, iface);
    return this.bits((f) => fits(f.rule) && f.chain.every(fits));
  }

  private forProbe(packet: Packet): Uint32Array {
    const key = `${packet.proto}|${packet.dport ?? ''}|${packet.sport ?? ''}`;
    let bits = this.probeBits.get(key);
    if (!bits) {
      const ported = packet.proto === 'tcp' || packet.proto === 'udp';
      const fits = (r: FilterRule | AnchorRule) =>
        (!r.protocols || r.protocols.includes(packet.proto)) &&
        (!r.from.ports || (ported && packet.sport !== undefined && hostPortOnly(r.from.ports, packet.sport))) &&
        (!r.to.ports || (ported && packet.dport !== undefined && hostPortOnly(r.to.ports, packet.dport)));
      bits = this.bits((f) => fits(f.rule) && f.chain.every(fits));
      this.probeBits.set(key, bits);
    }
    return bits;
  }

  /**
   * The last address asked per side, and its bit set: a walk's replay asks the same points again for
   * each probe, and 59% of the dual-stack matrix's lookups were the previous one on their side
   * (counted). Comparing two addresses is cheaper than hashing one (an IPv6 key costs a bigint shift).
   */
  private lastSrc: Addr | undefined;
  private lastSrcId = 0;
  private lastDst: Addr | undefined;
  private lastDstId = 0;

  private srcId(address: Addr): number {
    if (address !== this.lastSrc) {
      this.lastSrcId = this.forAddress(address, 'from');
      this.lastSrc = address;
    }
    return this.lastSrcId;
  }

  private dstId(address: Addr): number {
    if (address !== this.lastDst) {
      this.lastDstId = this.forAddress(address, 'to');
      this.lastDst = address;
    }
    return this.lastDstId;
  }

  private fromIndex: AddressBits | undefined;
  private toIndex: AddressBits | undefined;

  private addressBits(side: 'from' | 'to'): AddressBits {
    return new AddressBits(this.ctx, this.flat, side, this.words);
  }

  private forAddress(address: Addr, side: 'from' | 'to'): number {
    const cache = side === 'from' ? this.srcBits : this.dstBits;
    let id = cache.get(address);
    if (id === undefined) {
      // The rule's family (`inet` / `inet6`) is decided by the packet's addresses, so it is part of this bit set.
      const index =
        side === 'from' ? (this.fromIndex ??= this.addressBits('from')) : (this.toIndex ??= this.addressBits('to'));
      id = this.intern(index.of(address));
      cache.set(address, id);
    }
    return id;
  }

  /** Per interface: [in, out] checkpoints. */
  private readonly checkpoints = new Map<string, [Checkpoint, Checkpoint]>();

  private checkpoint(packet: Packet): Checkpoint {
    let pair = this.checkpoints.get(packet.iface);
    if (!pair) {
      const skipped = isSkipped(this.ctx, this.ruleset, packet.iface);
      pair = [
        { skipped, bits: this.forIface(packet.iface, 'in') },
        { skipped, bits: this.forIface(packet.iface, 'out') },
      ];
      this.checkpoints.set(packet.iface, pair);
    }
    return pair[packet.direction === 'in' ? 0 : 1];
  }

  /** Protocol-and-port bit sets by the walkers' small probe keys. */
  private readonly probeBitsById: Uint32Array[] = [];

  decide(packet: Packet): Decision {
    const point = this.checkpoint(packet);
    if (point.skipped) return SKIPPED;
    if (!this.simple) return decide(this.ctx, this.ruleset, packet);
    // The AND of four bit sets is cheaper than remembering its answer: a matrix rarely asks twice
    // with the same addresses, and a map of answers grew to millions of entries (measured: 30%
    // slower with it).
    const probeBits =
      packet.probeKey === undefined
        ? this.forProbe(packet)
        : (this.probeBitsById[packet.probeKey] ??= this.forProbe(packet));
    const src = this.srcId(packet.src);
    const dst = this.dstId(packet.dst);
    return this.compute(point.bits, probeBits, this.interned[src]!, this.interned[dst]!);
  }

  /** decide()'s part that no probe changes: the AND of the interface, source and destination bit sets. */
  prepare(packet: Packet): PreparedPoint {
    const point = this.checkpoint(packet);
    if (point.skipped) return SKIPPED;
    if (!this.simple) return null;
    const src = this.interned[this.srcId(packet.src)]!;
    const dst = this.interned[this.dstId(packet.dst)]!;
    const allowed = new Uint32Array(this.words);
    for (let w = 0; w < this.words; w++) allowed[w] = point.bits[w]! & src[w]! & dst[w]!;
    return allowed;
  }

  decidePrepared(prepared: PreparedPoint, packet: Packet): Decision {
    if (prepared === null) return this.decide(packet);
    if (!(prepared instanceof Uint32Array)) return prepared;
    const probeBits =
      packet.probeKey === undefined
        ? this.forProbe(packet)
        : (this.probeBitsById[packet.probeKey] ??= this.forProbe(packet));
    return this.compute(prepared, probeBits, prepared, prepared);
  }

  /** Translation rules that can apply on an interface: most interfaces have none, and are done at once. */
  private readonly natCandidates = new Map<string, boolean>();

  mayTranslate(iface: string): boolean {
    let any = this.natCandidates.get(iface);
    if (any === undefined) {
      any = mayTranslateOn(this.ctx, this.ruleset.translation, iface);
      this.natCandidates.set(iface, any);
    }
    return any;
  }

  nat(stack: AuditStack, packet: Packet): Translated | undefined {
    return this.mayTranslate(packet.iface) ? referencePf.nat(stack, packet) : undefined;
  }

  rdr(stack: AuditStack, packet: Packet): Translated | undefined {
    return this.mayTranslate(packet.iface) ? referencePf.rdr(stack, packet) : undefined;
  }

  private compute(a: Uint32Array, b: Uint32Array, c: Uint32Array, d: Uint32Array): Decision {
    let last = -1;
    for (let w = 0; w < this.words; w++) {
      const match = a[w]! & b[w]! & c[w]! & d[w]!;
      if (match === 0) continue;
      const quick = match & this.quick[w]!;
      if (quick !== 0) return this.answer(w * 32 + (31 - Math.clz32(quick & -quick)));
      last = w * 32 + (31 - Math.clz32(match));
    }
    return last < 0 ? DEFAULT_PASS : this.answer(last);
  }

  private readonly decisions: Decision[] = [];

  /** One frozen decision per rule, shared by every answer it gives. */
  private answer(index: number): Decision {
    let decision = this.decisions[index];
    if (!decision) {
      const rule = this.flat[index]!.rule;
      decision = { action: rule.action === 'pass' ? 'pass' : 'block', rule, keepState: rule.keepState };
      this.decisions[index] = decision;
    }
    return decision;
  }
}

interface Checkpoint {
  skipped: boolean;
  bits: Uint32Array;
}

const SKIPPED: Decision = { action: 'pass', keepState: false, skipped: true };
const DEFAULT_PASS: Decision = { action: 'pass', keepState: false };

function mayTranslateOn(ctx: PfContext, rules: readonly Rule[], iface: string): boolean {
  return rules.some(
    (rule) =>
      interfaceMatches(ctx, rule.on, iface) &&
      (rule.kind !== 'anchor' || (rule.body !== undefined && mayTranslateOn(ctx, rule.body, iface))),
  );
}

function hostPortOnly(ports: NonNullable<FilterRule['to']['ports']>, port: number): boolean {
  return ports.some((p) => portMatches(p, port));
}

/** pf answers from one bit-set evaluator per stack. */
export function fastPf(): PfEvaluator {
  const byStack = new Map<AuditStack, BitRuleset>();
  const of = (stack: AuditStack): BitRuleset => {
    let bits = byStack.get(stack);
    if (!bits) {
      bits = new BitRuleset(stack.pf!.ruleset, stack.pf!.ctx);
      byStack.set(stack, bits);
    }
    return bits;
  };
  return {
    decide: (stack, packet) => of(stack).decide(packet),
    nat: (stack, packet) => of(stack).nat(stack, packet),
    rdr: (stack, packet) => of(stack).rdr(stack, packet),
    mayTranslate: (stack, iface) => of(stack).mayTranslate(iface),
    prepare: (stack, packet) => of(stack).prepare(packet),
    decidePrepared: (stack, prepared, packet) => of(stack).decidePrepared(prepared, packet),
  };
}
