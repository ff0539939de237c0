import { REACHES, type Auditor, type Destination, type Source } from '../../core/audit/audit';
import type { AuditChange } from '../../core/audit/diff';
import type { PairVerdict } from '../../core/audit/verdict';
import type { RuleRef, Step } from '../../core/audit/walk';

// Why a changed pair is what it is now, for the differential audit's tables: the verdict's reason
// and the pf rule that decides it — the rule that blocks it when it no longer reaches, the rules
// that pass it when it does. The engine is asked (Auditor.pair with a trace); this only picks the
// step to show.

/** One changed pair in one family, as the differential audit gives it. */
export type Change = AuditChange;

export interface ChangeWhy {
  reason: string;
  rule?: string;
}

export function ruleText(rule: RuleRef): string {
  return `${rule.anchor || 'main'}:${rule.line} ${rule.text}`;
}

/** A pair's names as the diff gives them ("LAN", "internet", "host", a jail's name) → the audit's terms. */
function pairOf(auditor: Auditor, change: Change): { source: Source; destination: Destination } | undefined {
  const jailNamed = (name: string) =>
    auditor.net.stacks.find((s) => s.kind === 'jail' && s.label === name && !s.shares) ??
    auditor.net.stacks.find((s) => s.kind === 'jail' && s.label === name);
  const from = jailNamed(change.source);
  if (!from) return undefined;
  const fixed: Record<string, Destination> = {
    LAN: { kind: 'lan' },
    internet: { kind: 'internet' },
    host: { kind: 'host' },
  };
  const jail = jailNamed(change.destination);
  const to = fixed[change.destination] ?? (jail && { kind: 'stack', id: jail.id });
  return to && { source: { kind: 'stack', id: from.id }, destination: to };
}

function passRules(steps: readonly Step[]): string | undefined {
  const rules = steps.filter((s) => s.kind === 'pf' && s.rule && !s.blocked).map((s) => ruleText(s.rule!));
  return rules.length ? [...new Set(rules)].join(' · ') : undefined;
}

function blockRule(verdict: PairVerdict): string | undefined {
  const explained = verdict.explained;
  const rule =
    explained?.rule ??
    [...(explained?.forward.steps ?? []), ...(explained?.reply?.steps ?? [])].find((s) => s.blocked)?.rule;
  return rule && ruleText(rule);
}

/**
 * The reason and deciding rule of `change` on the side it is now (`now`), or on the old side
 * (`before`) when the pair is gone from the new design.
 */
export function changeWhy(change: Change, now: Auditor, before: Auditor): ChangeWhy | undefined {
  const auditor = change.after === 'absent' ? before : now;
  const pair = pairOf(auditor, change);
  if (!pair) return undefined;
  const { family } = change;
  const verdict = auditor.pair(pair.source, pair.destination, { trace: true, family });
  if (!REACHES.has(verdict.verdict) || change.after === 'absent') {
    const rule = blockRule(verdict);
    return { reason: verdict.summary, ...(rule ? { rule } : {}) };
  }
  // A reaching pair: the rules its passing probe meets. A partial pair's explanation follows a
  // failing probe, so a passing one is asked for at the same address.
  let passing = verdict.explained;
  if (verdict.verdict === 'partial' && verdict.address)
    for (const probe of auditor.probesOf(family)) {
      const asked = auditor.pair(
        pair.source,
        { kind: 'address', address: verdict.address, probe },
        { trace: true, family },
      );
      if (REACHES.has(asked.verdict)) {
        passing = asked.explained;
        break;
      }
    }
  const rule = passing && passRules(passing.forward.steps);
  return { reason: verdict.summary, rule: rule ?? '(no pf rule on the way)' };
}
