import { compilePf } from '../pf/compile';
import { ALLOW_DENY_ANCHOR } from '../pf/compile-intents';
import { sameRuleMeaning } from '../pf/rule-meaning';
import type { Intent, Topology } from '../topology/schema';
import type { PlanCommand, PlanStep, Refusal } from './types';

// Patchbay's pf anchors: load what the design compiles to, flush what it no longer needs. pfctl
// prints rules back in its own words, so they are compared by meaning.

export interface PfState {
  enabled: boolean;
  anchors: { name: string; rules: string[]; nat: string[] }[];
}

function sameRules(written: string[], printed: string[]): boolean {
  return written.length === printed.length && written.every((rule, i) => sameRuleMeaning(rule, printed[i]!));
}

function reload(name: string, lines: string[]): PlanCommand {
  return lines.length
    ? { argv: ['pfctl', '-a', name, '-f', '-'], stdin: `${lines.join('\n')}\n` }
    : { argv: ['pfctl', '-a', name, '-F', 'all'] };
}

/**
 * Deny intents that could lock the admin out: anything blocking traffic that comes from outside
 * (the LAN or the internet, the way the admin comes in) needs the override. A jail kept away from
 * the host is fine: that is not how the admin arrives.
 * A deny that compiles to no rule at all (an endpoint without addresses) is refused: silently
 * allowing what the user meant to block is worse than saying so.
 */
export function denyRefusals(desired: Topology, allowUplinkChanges: boolean): Refusal[] {
  const refusals: Refusal[] = [];
  const compiled = compilePf(desired).get(ALLOW_DENY_ANCHOR) ?? [];
  const denies = desired.intents.filter((i): i is Extract<Intent, { kind: 'deny' }> => i.kind === 'deny');
  for (const intent of denies) {
    const risky = intent.from.kind === 'segment';
    if (risky && !allowUplinkChanges) {
      refusals.push({
        subject: `intent ${intent.id}`,
        reason: `Intent ${intent.id} blocks traffic coming from outside the host, the way the admin reaches it; Patchbay will not load it without an explicit override.`,
        override: 'allowUplinkChanges',
      });
    }
  }
  const blockRules = compiled.filter((rule) => rule.startsWith('block')).length;
  if (denies.length > 0 && blockRules === 0)
    refusals.push({
      subject: 'deny intents',
      reason:
        'A deny intent names a jail, bridge or segment without addresses, so it would block nothing; give it addresses or remove it.',
    });
  return refusals;
}

export function pfSteps(desired: Topology, actual: PfState | undefined): PlanStep[] {
  const wanted = compilePf(desired);
  const have = new Map((actual?.anchors ?? []).map((a) => [a.name, [...a.nat, ...a.rules]]));
  const steps: PlanStep[] = [];
  for (const [name, lines] of have) {
    if (wanted.has(name) || !name.startsWith('patchbay/')) continue;
    steps.push({
      phase: 'pf-remove',
      summary: `Flush pf anchor ${name}`,
      command: { argv: ['pfctl', '-a', name, '-F', 'all'] },
      inverse: [reload(name, lines)],
    });
  }
  for (const [name, lines] of wanted) {
    const printed = have.get(name) ?? [];
    // pfctl lists nat rules and filter rules separately; compare each kind in written order.
    const nat = (l: string) => /^(nat|rdr|binat)\b/.test(l);
    if (
      sameRules(lines.filter(nat), printed.filter(nat)) &&
      sameRules(
        lines.filter((l) => !nat(l)),
        printed.filter((l) => !nat(l)),
      )
    )
      continue;
    steps.push({
      phase: 'pf',
      summary: `Load ${lines.length} rule(s) into pf anchor ${name}`,
      command: { argv: ['pfctl', '-a', name, '-f', '-'], stdin: `${lines.join('\n')}\n` },
      inverse: [reload(name, printed)],
    });
  }
  return steps;
}
