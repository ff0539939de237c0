import { compilePf } from '../pf/compile';
import { parsePf, parsePfConf, parseTableEntries } from '../pf/parse';
import { resolveTable, tableKey, type AnchorRule, type PfRuleset, type Rule } from '../pf/ruleset';
import type { Stack, Topology } from '../topology/schema';

// The ruleset pf really evaluates in a stack. The admin's own rules come from the host as read
// (`pf`: a pasted pf.conf when there is one, else pfctl's two listings), untouched; Patchbay's anchors
// come either from that same listing ('as-read': the host as it is) or from the design ('from-design':
// a draft or plan, which will reload them). A design without a read ruleset runs only Patchbay's
// anchors, on the host, hooked as `anchor "patchbay/*"`. Tables take their running contents from the
// host (`pf.tables`), which win over what the text declares: pfctl -T add changes them at run time.

export type PatchbayAnchors = 'from-design' | 'as-read';

const ROOT = 'patchbay';

function anchorRule(keyword: 'anchor' | 'nat-anchor', name: string, body: Rule[]): AnchorRule {
  const any = { terms: [{ negated: false, atom: { kind: 'any' as const } }] };
  return {
    kind: 'anchor',
    keyword,
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
function designAnchors(topology: Topology): { filter: Rule[]; translation: Rule[]; tables: PfRuleset['tables'] } {
  const compiled = [...compilePf(topology)].sort(([a], [b]) => a.localeCompare(b));
  const filter: Rule[] = [];
  const translation: Rule[] = [];
  const tables: PfRuleset['tables'] = new Map();
  for (const [name, lines] of compiled) {
    const { ruleset } = parsePf(lines.join('\n'), { anchor: name });
    const child = name.slice(ROOT.length + 1);
    if (ruleset.filter.length) filter.push(anchorRule('anchor', child, ruleset.filter));
    if (ruleset.translation.length) translation.push(anchorRule('nat-anchor', child, ruleset.translation));
    for (const [key, entries] of ruleset.tables) tables.set(key, entries);
  }
  return { filter, translation, tables };
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

/** The stack's own text, parsed: a pasted pf.conf, or pfctl's rules and nat listings. */
function readText(pf: NonNullable<Stack['pf']>, where: string, notes: string[]): PfRuleset {
  const parts =
    pf.conf !== undefined
      ? [{ name: 'pf.conf', ...parsePfConf(pf.conf) }]
      : [
          { name: 'rules', ...parsePf(pf.rules, { part: 'filter' }) },
          { name: 'nat', ...parsePf(pf.nat, { part: 'translation' }) },
        ];
  for (const { name, problems } of parts)
    for (const problem of problems) {
      const kept = problem.message.startsWith('Rules must be in order');
      notes.push(
        `pf in ${where} (${name}), line ${problem.line}: ${problem.message}; ${kept ? 'the audit still reads that rule in its place' : 'that line is left out of the audit'}.`,
      );
    }
  if (parts.length === 1) return parts[0]!.ruleset;
  const [filter, nat] = parts as [(typeof parts)[0], (typeof parts)[0]];
  return {
    ...filter.ruleset,
    translation: nat.ruleset.translation,
    tables: new Map([...filter.ruleset.tables, ...nat.ruleset.tables]),
    tableFiles: new Map([...(filter.ruleset.tableFiles ?? []), ...(nat.ruleset.tableFiles ?? [])]),
  };
}

/** Every rule, anchors' bodies included. */
function* allRules(rules: readonly Rule[]): Generator<Rule> {
  for (const rule of rules) {
    yield rule;
    if (rule.kind === 'anchor' && rule.body) yield* allRules(rule.body);
  }
}

/**
 * Running contents from the host win; a `persist file` table without them is unknown. Notes name each
 * table the audit does not know, and each rule it cannot fully evaluate: the verdicts they could
 * change are marked uncertain where they are given.
 */
function settleTables(pf: NonNullable<Stack['pf']>, ruleset: PfRuleset, where: string, notes: string[]): void {
  // A file's contents are the host's to tell: what the text lists besides is not all of it.
  for (const key of ruleset.tableFiles?.keys() ?? []) ruleset.tables.delete(key);
  for (const table of pf.tables ?? []) {
    const { terms, problems } = parseTableEntries(table.entries);
    for (const problem of problems)
      notes.push(
        `pf table <${table.name}> in ${where}: entry "${table.entries[problem.entry]}" is not read (${problem.message}).`,
      );
    ruleset.tables.set(tableKey(table.anchor, table.name), terms);
  }
  for (const [key, file] of ruleset.tableFiles ?? [])
    if (!ruleset.tables.has(key))
      notes.push(
        `pf table <${key}> in ${where} is loaded from ${file}, whose contents were not read from the host: verdicts through rules naming it are marked uncertain.`,
      );
  if (pf.tables === undefined)
    for (const [key, entries] of ruleset.tables)
      if (entries.length === 0) notes.push(`pf table <${key}> in ${where} is empty or its contents were not read.`);
  const unknown = new Set<string>();
  for (const rule of allRules([...ruleset.translation, ...ruleset.filter])) {
    for (const term of [...rule.from.terms, ...rule.to.terms])
      if (term.atom.kind === 'table' && resolveTable(ruleset.tables, term.atom.anchor, term.atom.name) === undefined)
        unknown.add(tableKey(term.atom.anchor ?? '', term.atom.name));
    if (rule.uncertain)
      notes.push(
        `pf in ${where}, line ${rule.line} (${rule.text}): the audit cannot evaluate ${rule.uncertain}; verdicts this rule could change are marked uncertain.`,
      );
  }
  for (const key of unknown)
    if (!(ruleset.tableFiles?.has(key) ?? false))
      notes.push(
        `pf table <${key}> in ${where} is neither declared nor read from the host: pf matches nothing in it, and verdicts through rules naming it are marked uncertain.`,
      );
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
    const ruleset = readText(stack.pf, where, notes);
    if (patchbay === 'from-design' && stack.kind === 'host') {
      const own = designAnchors(topology);
      const hooked = replaceHook(ruleset.filter, own.filter) && replaceHook(ruleset.translation, own.translation);
      if (!hooked && (own.filter.length || own.translation.length)) {
        notes.push(
          `pf on the host does not evaluate Patchbay's anchors: its pf.conf needs the lines nat-anchor "patchbay/*" and anchor "patchbay/*". The audit leaves Patchbay's rules out until then.`,
        );
      }
      for (const [key, entries] of own.tables) ruleset.tables.set(key, entries);
    }
    settleTables(stack.pf, ruleset, where, notes);
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
      tables: own.tables,
    },
  };
}
