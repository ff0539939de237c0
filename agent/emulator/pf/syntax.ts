import { parsePf } from '../../../core/pf/parse';
import type { AddressAtom, HostSpec, Rule } from '../../../core/pf/ruleset';
import { statements, tokenizeLine, type Statement, type Token } from '../../../core/pf/tokenize';
import { unsupported } from '../commands/output';
import { findInterface, type HostState } from '../state';
import { expandRule } from './expand';
import { CALL_KEYWORDS, TRANSLATION_KINDS } from './store';

// What pfctl's parser says about one file, for the emulator (docs/freebsd/pf.md "Checking").
// The rule grammar is core/pf/parse.ts (the audit's parser), so there is one pf parser in the
// project. That parser reads a subset and words its complaints for the audit, so only complaints
// whose pfctl wording is known are reported as pfctl would; every other one makes the emulator
// refuse ("emulator: unsupported"), because pfctl might accept the line or word it differently.
//
// Known wordings (sbin/pfctl/parse.y, commit 01c44736):
// - yyerror() prints "<file>:<line>: <message>"; the file of `-f -` is named "stdin" (pushfile()).
// - A statement that does not start with a word the grammar knows is a yacc "syntax error"
//   (fixtures: `stdin:2: syntax error`, docs/freebsd.md §9.1).
// - check_rulestate(): "Rules must be in order: options, ethernet, normalization, queueing,
//   translation, filtering" (parse_config() sets require_order = 1). 13's text was not read.
// - loadrule: `load anchor <string> from <string>`, queued for pfctl_load_anchors().

interface LoadDirective {
  anchor: string;
  file: string;
  line: number;
}

type CheckResult =
  /** `inline`: rules of brace anchors (`anchor "x" { ... }`), by path relative to the loaded ruleset. */
  | {
      ok: true;
      rules: string[];
      /** Declared tables with their declared entries, as pfctl would print them ("10.0.0.0/8", "!10.0.0.1"). */
      tables: Map<string, string[]>;
      loads: LoadDirective[];
      inline: Map<string, string[]>;
    }
  | { ok: false; errors: string[] };

const ORDER_MESSAGE = 'Rules must be in order: options, ethernet, normalization, queueing, translation, filtering';

const CALLS = Object.entries(CALL_KEYWORDS);
/** Translation rules and the anchor calls that go to the translation rulesets. */
const TRANSLATION_WORDS = new Set<string>([
  ...TRANSLATION_KINDS,
  ...CALLS.filter(([, kind]) => kind !== 'filter').map(([keyword]) => keyword),
]);
/** Filter rules and the anchor call that goes to the filter ruleset. */
const FILTER_WORDS = new Set([
  'pass',
  'block',
  'match',
  ...CALLS.filter(([, kind]) => kind === 'filter').map(([keyword]) => keyword),
]);

/** The require-order class of a statement's first word (pf.conf(5)'s statement order); undefined: free. */
function orderClass(first: string, second: string): number | undefined {
  if (first === 'set') return 0;
  if (TRANSLATION_WORDS.has(first)) return 4;
  if (first === 'no' && (TRANSLATION_KINDS as readonly string[]).includes(second)) return 4;
  if (FILTER_WORDS.has(first)) return 5;
  return undefined;
}

/** Words that start a statement pfctl accepts but the emulator does not model. */
const NOT_MODELLED = new Set(['include', 'ether', 'scrub', 'antispoof', 'altq', 'queue']);

/** `load anchor "<name>" from "<file>"`; undefined when the words are not that shape. */
function loadDirective(statement: Statement): LoadDirective | 'syntax' {
  const t = statement.tokens;
  const word = (i: number) => (t[i] && !t[i]!.quoted ? t[i]!.text : undefined);
  if (word(1) !== 'anchor' || t.length < 3) return 'syntax';
  if (t.length !== 5 || word(3) !== 'from') {
    // parse.y's `string` may be several adjacent strings joined; not modelled.
    if (t.length > 5) unsupported('pfctl', `load anchor line ${statement.line} with more than one word per name`);
    return 'syntax';
  }
  for (const i of [2, 4])
    if (!t[i]!.quoted && !/^[A-Za-z0-9_.-]+$/.test(t[i]!.text))
      unsupported('pfctl', `unquoted "${t[i]!.text}" in a load anchor line`);
  return { anchor: t[2]!.text, file: t[4]!.text, line: statement.line };
}

function atoms(spec: HostSpec): AddressAtom[] {
  return spec.terms.map((term) => term.atom);
}

/**
 * An address taken from an interface must name an interface of the vnet: pfctl resolves it when
 * loading, and what it does with a name that is not an interface (a DNS lookup) is not modelled.
 */
function checkInterfaceAddresses(rule: Rule, state: HostState, vnet: number): void {
  const all = [
    ...atoms(rule.from),
    ...atoms(rule.to),
    ...(rule.kind !== 'filter' && rule.kind !== 'anchor' && rule.target ? [rule.target] : []),
  ];
  for (const atom of all) {
    if (atom.kind === 'interface' && !findInterface(state, vnet, atom.name))
      unsupported(
        'pfctl',
        `line ${rule.line}: "${atom.name}" is neither an address nor an interface of this host (name lookups are not emulated)`,
      );
  }
}

function checkAnchorCall(rule: Rule, tokens: Token[] | { error: string }): void {
  if (rule.kind !== 'anchor') return;
  if (!Array.isArray(tokens) || tokens.length !== 2)
    unsupported('pfctl', `line ${rule.line}: anchor rules with conditions are not emulated`);
  // Unnamed brace anchors get hidden "_<n>" names (parse.y); names with ".." climb the tree: not modelled.
  if (rule.name.includes('../') || rule.name.split('/').some((part) => part.startsWith('_')))
    unsupported('pfctl', `line ${rule.line}: anchor name "${rule.name}"`);
  if (rule.body !== undefined && rule.name.endsWith('*'))
    unsupported('pfctl', `line ${rule.line}: a wildcard anchor with a body`);
}

/**
 * The kernel rules of `rules`, stored under `path` (relative to the loaded ruleset), and of the
 * brace anchors among them under theirs: pfctl loads a named brace anchor as the anchor of that
 * name below the ruleset that calls it (pfctl.c pfctl_load_ruleset() recursing into r->anchor).
 */
function collect(
  rules: Rule[],
  path: string,
  fileName: string,
  state: HostState,
  vnet: number,
  into: Map<string, string[]>,
): string | undefined {
  const expanded = into.get(path) ?? [];
  into.set(path, expanded);
  for (const rule of [...rules].sort((a, b) => a.line - b.line)) {
    const tokens = tokenizeLine(rule.text);
    checkAnchorCall(rule, tokens);
    checkInterfaceAddresses(rule, state, vnet);
    if ('error' in tokens) unsupported('pfctl', `${fileName}:${rule.line}: ${tokens.error}`);
    const kernelRules = expandRule(rule.text, tokens);
    if (kernelRules.length === 0) return `${fileName}:${rule.line}: rule expands to no valid combination`;
    expanded.push(...kernelRules);
    if (rule.kind === 'anchor' && rule.body !== undefined) {
      const problem = collect(rule.body, path ? `${path}/${rule.name}` : rule.name, fileName, state, vnet, into);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Checks `text` as pfctl would parse it, and gives the kernel rules it loads. */
export function checkPfText(text: string, fileName: string, state: HostState, vnet: number): CheckResult {
  const { statements: list, errors: lexErrors } = statements(text);
  if (lexErrors.length)
    unsupported(
      'pfctl',
      `${fileName}:${lexErrors[0]!.line}: ${lexErrors[0]!.message} (pfctl's quoted strings may span lines)`,
    );
  const problems: { line: number; message: string }[] = [];
  const loads: LoadDirective[] = [];
  const rawLines = text.split('\n');
  const kept = [...rawLines];
  let order = 0;
  for (const statement of list) {
    const first = statement.tokens[0]!;
    const word = first.quoted ? '' : first.text;
    if (NOT_MODELLED.has(word)) unsupported('pfctl', `${fileName}:${statement.line}: "${word}" statements`);
    if (word === 'set' && statement.tokens[1]?.text !== 'skip')
      unsupported('pfctl', `${fileName}:${statement.line}: set options other than "set skip" are not checked`);
    if (word === 'load') {
      const load = loadDirective(statement);
      if (load === 'syntax') problems.push({ line: statement.line, message: 'syntax error' });
      else loads.push(load);
      kept[statement.line - 1] = '';
      continue;
    }
    const cls = orderClass(word, statement.tokens[1]?.text ?? '');
    if (cls === undefined) continue;
    if (cls >= order) {
      order = cls;
      continue;
    }
    if (state.release === '13')
      unsupported(
        'pfctl',
        `${fileName}:${statement.line}: rules out of order (13.x's check_rulestate() message was not read)`,
      );
    problems.push({ line: statement.line, message: ORDER_MESSAGE });
  }
  const { ruleset, problems: parsed } = parsePf(kept.join('\n'));
  for (const problem of parsed) {
    // A statement that starts with an unknown word, or ends where the grammar needs another word,
    // is a yacc "syntax error"; every other complaint is the audit parser's own.
    if (/does not start a rule pf\.conf\(5\) knows|^expected .* at the end of the rule$/.test(problem.message))
      problems.push({ line: problem.line, message: 'syntax error' });
    else unsupported('pfctl', `${fileName}:${problem.line}: ${problem.message}`);
  }
  if (problems.length) {
    for (const p of problems) {
      // yacc reports at the token where it stopped; for a statement spanning lines that may be a later line.
      if (/\\\s*$/.test(rawLines[p.line - 1] ?? ''))
        unsupported('pfctl', `${fileName}:${p.line}: an error in a statement continued over several lines`);
    }
    // A line the grammar rejects never reaches its check_rulestate() action: one message per line.
    const syntaxLines = new Set(problems.filter((p) => p.message === 'syntax error').map((p) => p.line));
    const reported = problems.filter((p) => p.message === 'syntax error' || !syntaxLines.has(p.line));
    return {
      ok: false,
      errors: reported.sort((a, b) => a.line - b.line).map((p) => `${fileName}:${p.line}: ${p.message}`),
    };
  }
  const rulesets = new Map<string, string[]>();
  const problem = collect([...ruleset.translation, ...ruleset.filter], '', fileName, state, vnet, rulesets);
  if (problem) return { ok: false, errors: [problem] };
  const inline = new Map([...rulesets].filter(([path]) => path !== ''));
  if (inline.size && ruleset.tables.size)
    unsupported(
      'pfctl',
      `${fileName}: tables together with brace anchors (which ruleset a table belongs to is not tracked)`,
    );
  const tables = new Map(
    [...ruleset.tables].map(([name, terms]) => [
      name,
      terms.map((term) => {
        if (term.atom.kind !== 'cidr')
          unsupported(
            'pfctl',
            `${fileName}: table <${name}> holds "${term.atom.kind}" entries (only addresses are modelled)`,
          );
        return `${term.negated ? '!' : ''}${term.atom.text}`;
      }),
    ]),
  );
  return { ok: true, rules: rulesets.get('') ?? [], tables, loads, inline };
}
