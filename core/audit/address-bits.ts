import { familyOf, maskAddr, type Addr, type AddrFamily } from '../net/addr';
import { hostMatches, type PfContext } from '../pf/evaluate';
import type { AnchorRule, FilterRule } from '../pf/ruleset';
import { key6 } from './routes';

// fast-pf's address bit sets (which flattened rules a source or a destination address matches),
// found by prefix lookups instead of asking every rule: most rules name `any` or plain prefixes, so
// an address's bit set is the `any` rules of its family, OR the rules filed under each prefix that
// holds it (one hash lookup per prefix length the ruleset uses), OR the few rules that need pf's own
// matching (negations, tables, interface names), AND NOT the rules under an anchor that does not
// match it. Asking all 500 rules of the benchmark's ruleset per address was a fifth of the matrix
// (profiled); audit.property.test.ts compares the result against pf's rule-by-rule evaluation.

type Part = FilterRule | AnchorRule;

export interface FlatRule {
  rule: FilterRule;
  chain: AnchorRule[];
}

/** Per family: the prefixes rules name, longest first, each with the bit set of the rules naming it. */
type PrefixTable = { bits: number; byNet: Map<Addr, Uint32Array> }[];

export class AddressBits {
  private readonly always: Record<AddrFamily, Uint32Array>;
  private readonly prefixes: Record<AddrFamily, PrefixTable> = { 4: [], 6: [] };
  /** Rules whose address part is more than `any` or plain prefixes: matched the way pf does. */
  private readonly others: { index: number; rule: FilterRule }[] = [];
  /** Each anchor a rule sits in, with the rules under it. */
  private readonly anchors: { anchor: AnchorRule; under: Uint32Array }[] = [];

  constructor(
    private readonly ctx: PfContext,
    flat: readonly FlatRule[],
    private readonly side: 'from' | 'to',
    private readonly words: number,
  ) {
    this.always = { 4: new Uint32Array(words), 6: new Uint32Array(words) };
    const anchors = new Map<AnchorRule, Uint32Array>();
    flat.forEach(({ rule, chain }, index) => {
      this.file(rule, index);
      for (const anchor of chain) {
        let under = anchors.get(anchor);
        if (!under) anchors.set(anchor, (under = new Uint32Array(words)));
        setBit(under, index);
      }
    });
    for (const [anchor, under] of anchors) this.anchors.push({ anchor, under });
  }

  private file(rule: FilterRule, index: number): void {
    const terms = rule[this.side].terms;
    const familyFits = (family: AddrFamily) => rule.family === undefined || rule.family === family;
    if (terms.some((t) => t.negated)) {
      this.others.push({ index, rule });
      return;
    }
    if (terms.some((t) => t.atom.kind === 'any')) {
      for (const family of [4, 6] as const) if (familyFits(family)) setBit(this.always[family], index);
      return;
    }
    if (!terms.every((t) => t.atom.kind === 'cidr')) {
      this.others.push({ index, rule });
      return;
    }
    for (const { atom } of terms) {
      // An address of the other family never matches a prefix (match.ts otherFamily), nor an
      // `inet` rule an IPv6 prefix.
      if (atom.kind !== 'cidr' || !familyFits(atom.family)) continue;
      const table = this.prefixes[atom.family];
      let level = table.find((l) => l.bits === atom.bits);
      if (!level) {
        level = { bits: atom.bits, byNet: new Map() };
        table.push(level);
        table.sort((a, b) => b.bits - a.bits);
      }
      const key = prefixKey(atom.net, atom.bits);
      let bits = level.byNet.get(key);
      if (!bits) level.byNet.set(key, (bits = new Uint32Array(this.words)));
      setBit(bits, index);
    }
  }

  private fits(part: Part, address: Addr, family: AddrFamily): boolean {
    return (
      (part.family === undefined || part.family === family) &&
      hostMatches(this.ctx, { terms: part[this.side].terms }, address, undefined)
    );
  }

  /** The rules (with their anchors) whose address part on this side holds `address`. */
  of(address: Addr): Uint32Array {
    const family = familyOf(address);
    const out = this.always[family].slice();
    for (const { bits, byNet } of this.prefixes[family]) {
      const hit = byNet.get(prefixKey(address, bits));
      if (hit) for (let w = 0; w < this.words; w++) out[w]! |= hit[w]!;
    }
    for (const { index, rule } of this.others) if (this.fits(rule, address, family)) setBit(out, index);
    for (const { anchor, under } of this.anchors)
      if (!this.fits(anchor, address, family)) for (let w = 0; w < this.words; w++) out[w]! &= ~under[w]!;
    return out;
  }
}

function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5]! |= 1 << (index & 31);
}

/** A prefix's key: IPv4 the masked network; IPv6 routes.ts key6 (V8 hashes a bigint by its lowest digit). */
function prefixKey(address: Addr, bits: number): Addr {
  return typeof address === 'number' ? maskAddr(address, bits) : key6(address, bits);
}
