import { compilePf } from '../pf/compile';
import { sameRuleMeaning } from '../pf/rule-meaning';
import type { Topology } from '../topology/schema';
import type { PlanCommand, PlanStep } from './types';

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
  return lines.length ? { argv: ['pfctl', '-a', name, '-f', '-'], stdin: `${lines.join('\n')}\n` } : { argv: ['pfctl', '-a', name, '-F', 'all'] };
}

export function pfSteps(desired: Topology, actual: PfState | undefined): PlanStep[] {
  const wanted = compilePf(desired);
  const have = new Map((actual?.anchors ?? []).map((a) => [a.name, [...a.nat, ...a.rules]]));
  const steps: PlanStep[] = [];
  for (const [name, lines] of have) {
    if (wanted.has(name) || !name.startsWith('patchbay/')) continue;
    steps.push({ phase: 'pf-remove', summary: `Flush pf anchor ${name}`, command: { argv: ['pfctl', '-a', name, '-F', 'all'] }, inverse: [reload(name, lines)] });
  }
  for (const [name, lines] of wanted) {
    const printed = have.get(name) ?? [];
    // pfctl lists nat rules and filter rules separately; compare each kind in written order.
    const nat = (l: string) => /^(nat|rdr|binat)\b/.test(l);
    if (sameRules(lines.filter(nat), printed.filter(nat)) && sameRules(lines.filter((l) => !nat(l)), printed.filter((l) => !nat(l)))) continue;
    steps.push({ phase: 'pf', summary: `Load ${lines.length} rule(s) into pf anchor ${name}`, command: { argv: ['pfctl', '-a', name, '-f', '-'], stdin: `${lines.join('\n')}\n` }, inverse: [reload(name, printed)] });
  }
  if (wanted.size > 0 && actual && !actual.enabled) {
    steps.push({ phase: 'pf', summary: 'Enable pf', command: { argv: ['pfctl', '-e'] }, inverse: [{ argv: ['pfctl', '-d'] }] });
  }
  return steps;
}
