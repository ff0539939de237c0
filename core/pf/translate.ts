import { familyOf } from '../net/addr';
import { decide, isSkipped, type Decision } from './evaluate';
import {
  conditionsMatch,
  hostMatches,
  interfaceMatches,
  receivedOnMatches,
  type Packet,
  type PfContext,
} from './match';
import { applyFilterTranslation, redirectedPort, targetAddress, uncertaintyOf } from './rule-translation';

export { applyFilterTranslation, redirectedPort, targetAddress, uncertaintyOf } from './rule-translation';

type Address = Packet['src'];
import { type AnchorRule, type PfRuleset, type Rule, type TranslationRule, type Uncertainty } from './ruleset';

// Translation in pf's order, as sys/netpfil/pf/pf.c pf_test_rule and pf_lb.c pf_get_translation /
// pf_match_translation do it:
// - translation comes before filtering, and the filter rules see the translated packet;
// - each translation ruleset is read top to bottom and the first matching rule wins; a `no` rule
//   matching means no translation;
// - on the way out binat is tried first, then nat; on the way in rdr first, then binat
//   (pf_get_translation: `if (pd->dir == PF_OUT) { BINAT, then NAT } else { RDR, then BINAT }`);
// - binat maps both ways: out, the source `from` becomes the target; in, a packet to the target from
//   `to` goes to the `from` address (pf_match_translation matches the target as destination then);
// - `rdr pass` / `nat pass` / `binat pass`: the translated packet is not filtered (`natpass`);
// - nat-to / rdr-to / binat-to on filter rules: a match rule's apply when it matches, for the rules
//   after it (evaluate.ts walkFilter), a pass rule's when it decides (pfTest).

type Kind = TranslationRule['kind'];
const HOOK: Readonly<Record<Kind, AnchorRule['keyword']>> = {
  nat: 'nat-anchor',
  rdr: 'rdr-anchor',
  binat: 'binat-anchor',
};

/** Whether a binat rule matches an inbound packet: from its `to`, to its target (pf_match_translation). */
function binatInMatches(ctx: PfContext, rule: TranslationRule, packet: Packet): boolean {
  if (!rule.target || !interfaceMatches(ctx, rule.on, packet.iface)) return false;
  if (rule.protocols && !rule.protocols.includes(packet.proto)) return false;
  if (rule.family !== undefined && rule.family !== familyOf(packet.dst)) return false;
  if (!receivedOnMatches(ctx, rule.receivedOn, packet)) return false;
  return (
    hostMatches(ctx, { terms: rule.to.terms }, packet.src, undefined) &&
    hostMatches(ctx, { terms: [{ negated: false, atom: rule.target }] }, packet.dst, undefined)
  );
}

/** pf_match_translation over one ruleset (with its anchors): the first matching rule; 'stop' for a `no` rule. */
function firstTranslation(
  ctx: PfContext,
  rules: readonly Rule[],
  packet: Packet,
  kind: Kind,
  doubts: Uncertainty[],
  nested = false,
): TranslationRule | 'stop' | undefined {
  for (const rule of rules) {
    if (rule.kind === 'anchor') {
      // An anchor hook of another translation kind calls another ruleset. Inside a hook the kind is
      // the hook's: pfctl_show_nat() prints a wildcard's children as `nat-anchor "<name>" all {`
      // whichever kind called them (agent/emulator/pf/show.ts), so `rdr-anchor "rdr/*"` lists its
      // children's rdr rules under `nat-anchor "web"`.
      const otherKind = rule.keyword && rule.keyword !== 'anchor' && rule.keyword !== HOOK[kind];
      if (!rule.body || (otherKind && !nested)) continue;
      const matched = conditionsMatch(ctx, rule, packet);
      const doubt = uncertaintyOf(ctx, rule, packet, matched);
      if (doubt) doubts.push(doubt);
      if (!matched) continue;
      const inner = firstTranslation(ctx, rule.body, packet, kind, doubts, true);
      if (inner) return inner;
    } else if (rule.kind === kind) {
      const inbound = kind === 'binat' && packet.direction === 'in';
      const matched = inbound ? binatInMatches(ctx, rule, packet) : conditionsMatch(ctx, rule, packet);
      const doubt = uncertaintyOf(ctx, rule, packet, matched);
      if (doubt) doubts.push(doubt);
      if (matched) return rule.negated ? 'stop' : rule;
    }
  }
  return undefined;
}

export interface Translation {
  /** The nat, rdr or binat rule that translated. */
  rule: TranslationRule;
  /** The packet as the filter rules see it. */
  packet: Packet;
  /** `rdr pass` / `nat pass` / `binat pass`: the filter rules are not asked. */
  pass: boolean;
  /** A rule met before it that could have translated instead. */
  uncertain?: Uncertainty;
}

function translated(rule: TranslationRule, packet: Packet, doubts: Uncertainty[]): Translation {
  const out: Translation = { rule, packet, pass: rule.pass === true };
  if (doubts[0]) out.uncertain = doubts[0];
  return out;
}

function inbound(ctx: PfContext, ruleset: PfRuleset, packet: Packet, doubts: Uncertainty[]): Translation | undefined {
  for (const kind of ['rdr', 'binat'] as const) {
    const rule = firstTranslation(ctx, ruleset.translation, packet, kind, doubts);
    if (rule === 'stop') return undefined;
    if (!rule?.target) continue;
    if (kind === 'rdr') {
      const dst = targetAddress(ctx, rule.target, packet.dst);
      if (dst === undefined) return undefined;
      const out: Packet = { ...packet, dst };
      const dport = redirectedPort(rule.targetPort, rule.to, packet.dport);
      if (dport !== undefined) out.dport = dport;
      return translated(rule, out, doubts);
    }
    const inside = rule.from.terms[0]?.atom;
    const dst = inside ? targetAddress(ctx, inside, packet.dst) : undefined;
    return dst === undefined ? undefined : translated(rule, { ...packet, dst }, doubts);
  }
  return undefined;
}

function outbound(ctx: PfContext, ruleset: PfRuleset, packet: Packet, doubts: Uncertainty[]): Translation | undefined {
  for (const kind of ['binat', 'nat'] as const) {
    const rule = firstTranslation(ctx, ruleset.translation, packet, kind, doubts);
    if (rule === 'stop') return undefined;
    if (!rule?.target) continue;
    const src = targetAddress(ctx, rule.target, packet.src);
    return src === undefined ? undefined : translated(rule, { ...packet, src }, doubts);
  }
  return undefined;
}

/** rdr, then binat, for a packet coming in: where it is redirected to, or undefined. */
export function translateIn(
  ctx: PfContext,
  ruleset: PfRuleset,
  packet: Packet,
): (Translation & { dst: Address; dport?: number }) | undefined {
  if (packet.direction !== 'in' || isSkipped(ctx, ruleset, packet.iface)) return undefined;
  const t = inbound(ctx, ruleset, packet, []);
  if (!t) return undefined;
  const out: Translation & { dst: Address; dport?: number } = { ...t, dst: t.packet.dst };
  if (t.packet.dport !== undefined) out.dport = t.packet.dport;
  return out;
}

/** binat, then nat, for a packet going out: the source it leaves with, or undefined. */
export function translateOut(
  ctx: PfContext,
  ruleset: PfRuleset,
  packet: Packet,
): (Translation & { src: Address }) | undefined {
  if (packet.direction !== 'out' || isSkipped(ctx, ruleset, packet.iface)) return undefined;
  const t = outbound(ctx, ruleset, packet, []);
  return t && { ...t, src: t.packet.src };
}

export interface Verdict extends Decision {
  /** The nat/rdr/binat rule that translated the packet before filtering. */
  translation?: Translation;
  /** The packet as pf lets it go on: after translation rules and the deciding rule's nat-to / rdr-to. */
  out: Packet;
}

/**
 * pf's whole answer for one packet (pf.c pf_test_rule): translation rules, then filter rules on the
 * translated packet unless the translation rule said `pass`, then the deciding rule's translations.
 */
export function pfTest(ctx: PfContext, ruleset: PfRuleset, packet: Packet): Verdict {
  if (isSkipped(ctx, ruleset, packet.iface)) return { action: 'pass', keepState: false, skipped: true, out: packet };
  const doubts: Uncertainty[] = [];
  const translation =
    packet.direction === 'in' ? inbound(ctx, ruleset, packet, doubts) : outbound(ctx, ruleset, packet, doubts);
  const seen = translation?.packet ?? packet;
  if (translation?.pass) {
    const verdict: Verdict = { action: 'pass', keepState: true, translation, out: seen };
    if (doubts[0]) verdict.uncertain = doubts[0];
    return verdict;
  }
  const decision = decide(ctx, ruleset, seen);
  let out = decision.packet ?? seen;
  if (decision.action === 'pass' && decision.rule)
    for (const t of decision.translations ?? []) out = applyFilterTranslation(ctx, decision.rule, t, out);
  const verdict: Verdict = { ...decision, out };
  if (translation) verdict.translation = translation;
  const uncertain = decision.uncertain ?? doubts[0];
  if (uncertain) verdict.uncertain = uncertain;
  return verdict;
}
