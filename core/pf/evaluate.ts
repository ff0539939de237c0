import type { FilterRule, FilterTranslation, PfRuleset, Rule, Uncertainty } from './ruleset';
import { conditionsMatch, inGroup, type Packet, type PfContext } from './match';
import { applyFilterTranslation, uncertaintyOf } from './rule-translation';

export {
  conditionsMatch,
  hostMatches,
  interfaceMatches,
  portMatches,
  receivedOnMatches,
  type Packet,
  type PfContext,
  type Protocol,
} from './match';

// pf's decision for one packet, with the semantics of pf.conf(5): filter rules are read top to
// bottom and the last matching rule wins, unless a matching rule is `quick`, which ends the
// evaluation; an anchor's rules are evaluated in place when the anchor rule matches, and a `quick`
// anchor ends the evaluation if anything inside it matched. No rule matching means pass.
// Translation rules (nat/rdr/binat) are different: the first match wins (pf.conf(5), "Translation").

export interface Decision {
  action: 'pass' | 'block';
  /** The rule that decided; undefined when no rule matched (pf's default is pass). */
  rule?: FilterRule;
  /** A state is created: replies pass without meeting the rules again. */
  keepState: boolean;
  /** The interface is in `set skip`: pf did not look at the packet at all. */
  skipped?: boolean;
  /** nat-to / rdr-to / binat-to of the deciding pass rule (match rules' ones are already in `packet`). */
  translations?: FilterTranslation[];
  /** The packet as the deciding rule saw it, when a match rule translated it on the way. */
  packet?: Packet;
  /** A rule the audit cannot fully evaluate, or an unknown table, that could have changed this answer. */
  uncertain?: Uncertainty;
}

interface Walk {
  last?: FilterRule;
  stop: boolean;
  /** The packet as rules now see it: match rules' nat-to / rdr-to rewrite it for the rules after them. */
  packet: Packet;
  /** Rules met on the way that the audit cannot evaluate fully, and that the packet may match. */
  doubts: Uncertainty[];
}

function walkFilter(ctx: PfContext, rules: readonly Rule[], walk: Walk): void {
  for (const rule of rules) {
    if (rule.kind === 'filter') {
      const matched = conditionsMatch(ctx, rule, walk.packet);
      const doubt = uncertaintyOf(ctx, rule, walk.packet, matched);
      if (doubt) walk.doubts.push(doubt);
      if (!matched) continue;
      if (rule.action === 'match') {
        // pf applies a match rule's translation at once: rules after it see the translated packet
        // (tests/sys/netpfil/pf/nat.sh nat_match: "rules after match match on NAT-ed address").
        for (const t of rule.translations ?? []) walk.packet = applyFilterTranslation(ctx, rule, t, walk.packet);
        continue;
      }
      walk.last = rule;
      if (rule.quick) {
        walk.stop = true;
        return;
      }
    } else if (rule.kind === 'anchor') {
      if (!rule.body) continue;
      const matched = conditionsMatch(ctx, rule, walk.packet);
      const doubt = uncertaintyOf(ctx, rule, walk.packet, matched);
      if (doubt) walk.doubts.push(doubt);
      if (!matched) continue;
      const before = walk.last;
      walkFilter(ctx, rule.body, walk);
      if (walk.stop) return;
      if (rule.quick && walk.last !== before) {
        walk.stop = true;
        return;
      }
    }
  }
}

export function isSkipped(ctx: PfContext, ruleset: PfRuleset, iface: string): boolean {
  return ruleset.skip.some((name) => inGroup(ctx, iface, name));
}

export function decide(ctx: PfContext, ruleset: PfRuleset, packet: Packet): Decision {
  if (isSkipped(ctx, ruleset, packet.iface)) return { action: 'pass', keepState: false, skipped: true };
  const walk: Walk = { stop: false, packet, doubts: [] };
  walkFilter(ctx, ruleset.filter, walk);
  const { last } = walk;
  const decision: Decision = last
    ? { action: last.action === 'pass' ? 'pass' : 'block', rule: last, keepState: last.keepState }
    : { action: 'pass', keepState: false };
  if (last?.action === 'pass' && last.translations) decision.translations = last.translations;
  if (walk.packet !== packet) decision.packet = walk.packet;
  const doubt = walk.doubts.find((d) => couldChange(d, decision, ruleset));
  if (doubt) decision.uncertain = doubt;
  return decision;
}

/**
 * Whether a doubtful rule could have changed the answer: it decided, it would decide otherwise, or it
 * is a match rule or an anchor (whose effect reaches the rules after it).
 */
function couldChange(doubt: Uncertainty, decision: Decision, ruleset: PfRuleset): boolean {
  const rule = findRule(ruleset.filter, doubt.rule);
  if (!rule || rule.kind !== 'filter') return true;
  if (rule === decision.rule || rule.action === 'match') return true;
  return (rule.action === 'pass' ? 'pass' : 'block') !== decision.action;
}

function findRule(rules: readonly Rule[], where: Uncertainty['rule']): Rule | undefined {
  for (const rule of rules) {
    if (rule.line === where.line && rule.anchor === where.anchor && rule.text === where.text) return rule;
    if (rule.kind === 'anchor' && rule.body) {
      const inner = findRule(rule.body, where);
      if (inner) return inner;
    }
  }
  return undefined;
}
