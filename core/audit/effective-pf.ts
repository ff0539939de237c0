import { compilePf } from '../pf/compile';
import { parsePf } from '../pf/parse';
import type { AnchorRule, PfRuleset, Rule } from '../pf/ruleset';
import type { Stack, Topology } from '../topology/schema';

// The ruleset pf really evaluates in a stack. The admin's own rules come from the host as read
// (`pf`), untouched; Patchbay's anchors come either from that same listing ('as-read': the host as
// it is) or from the design ('from-design': a draft or plan, which will reload them). A design
// without a read ruleset runs only Patchbay's anchors, on the host, hooked as `anchor "patchbay/*"`.

export type PatchbayAnchors = 'from-design' | 'as-read';

const ROOT = 'patchbay';

function anchorRule(keyword: string, name: string, body: Rule[]): AnchorRule {
  const any = { terms: [{ negated: false, atom: { kind: 'any' as const } }] };
  return {
    kind: 'anchor',
    name,
    quick: false,
    from: any,
    to: any,
    body,
    line: 0,
    anchor: '',
    text: `${keyword} "${name}" all`,
  };
}

/** Patchbay's anchors as the design compiles them, as bodies of `patchbay/<child>` anchors in name order. */
function designAnchors(topology: Topology): { filter: Rule[]; translation: Rule[] } {
  const compiled = [...compilePf(topology)].sort(([a], [b]) => a.localeCompare(b));
  const filter: Rule[] = [];
  const translation: Rule[] = [];
  for (const [name, lines] of compiled) {
    const { ruleset } = parsePf(lines.join('\n'), { anchor: name });
    const child = name.slice(ROOT.length + 1);
    if (ruleset.filter.length) filter.push(anchorRule('anchor', child, ruleset.filter));
    if (ruleset.translation.length) translation.push(anchorRule('nat-anchor', child, ruleset.translation));
  }
  return { filter, translation };
}

/** Replaces the body of the `patchbay` hook; false when the ruleset has no such hook. */
function replaceHook(rules: Rule[], body: Rule[]): boolean {
  let found = false;
  for (const rule of rules) {
    if (rule.kind === 'anchor' && (rule.name === ROOT || rule.name === `${ROOT}/*`)) {
      rule.body = body;
      found = true;
    }
  }
  return found;
}

export function effectivePf(
  topology: Topology,
  stack: Stack,
  patchbay: PatchbayAnchors,
  notes: string[],
): { ruleset: PfRuleset } | undefined {
  const where = stack.kind === 'host' ? 'the host' : `jail ${stack.name}`;
  if (stack.pf) {
    if (!stack.pf.enabled) return undefined;
    const filter = parsePf(stack.pf.rules, { part: 'filter' });
    const nat = parsePf(stack.pf.nat, { part: 'translation' });
    for (const problem of [...filter.problems, ...nat.problems])
      notes.push(`pf in ${where}, line ${problem.line}: ${problem.message}; that line is left out of the audit.`);
    const ruleset: PfRuleset = {
      ...filter.ruleset,
      translation: nat.ruleset.translation,
      tables: new Map([...filter.ruleset.tables, ...nat.ruleset.tables]),
    };
    if (patchbay === 'from-design' && stack.kind === 'host') {
      const own = designAnchors(topology);
      const hooked = replaceHook(ruleset.filter, own.filter) && replaceHook(ruleset.translation, own.translation);
      if (!hooked && (own.filter.length || own.translation.length)) {
        notes.push(
          `pf on the host does not evaluate Patchbay's anchors: its pf.conf needs the lines nat-anchor "patchbay/*" and anchor "patchbay/*". The audit leaves Patchbay's rules out until then.`,
        );
      }
    }
    for (const name of ruleset.tables.keys())
      if (ruleset.tables.get(name)!.length === 0)
        notes.push(`pf table <${name}> in ${where} is empty or its contents were not read.`);
    return { ruleset };
  }
  if (stack.kind !== 'host') return undefined;
  const own = designAnchors(topology);
  if (!own.filter.length && !own.translation.length) return undefined;
  return {
    ruleset: {
      filter: [anchorRule('anchor', `${ROOT}/*`, own.filter)],
      translation: [anchorRule('nat-anchor', `${ROOT}/*`, own.translation)],
      skip: [],
      tables: new Map(),
    },
  };
}
