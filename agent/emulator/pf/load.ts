import { unsupported, type Output } from '../commands/output';
import type { HostState, PfAnchor, Vnet } from '../state';
import { replaceRuleset, ruleKind, rulesetOf } from './store';
import { checkPfText } from './syntax';
import { loadTables } from './tables';

// `pfctl [-n] [-N|-R] [-a anchor] -f <file|->` (docs/freebsd/pf.md "Loading"). Sources:
// - sbin/pfctl/pfctl.c pfctl_rules(), commit 00406234 (the same steps at bc5ed32b): the file is
//   parsed (parse_config()); on failure, without -n: warnx "Syntax error in config file: pf rules
//   not loaded"; then the `load anchor` directives are loaded (pfctl_load_anchors()) in the same
//   transaction; any failure jumps to _error, which for the top-level call sends DIOCXROLLBACK
//   (nothing changes) and exit(1); a failing anchor adds warnx "load anchors". -n skips the
//   transaction and the "Syntax error" line but still parses every anchor file.
// - sbin/pfctl/parse.y pushfile(), parse_config(), pfctl_load_anchors(), commit 01c44736: "-" is
//   stdin, named "stdin"; a file that cannot be opened gives warn("%s", name) and then
//   warn("cannot open the main config file!"), each with strerror(errno).
// - pfctl.c main(): loadopt is every ruleset type unless -N (translation) or -R (filter) narrow it;
//   with -a it is cut to filter, translation, tables and Ethernet. A load replaces exactly those
//   types of the target ruleset (pfctl_ruleset_trans()).
// - At bc5ed32b (taken as 14) `load anchor` directives are processed only for the main ruleset; at
//   00406234 (taken as 15) for any top-level load. The emulator refuses them with -a.

export interface LoadOptions {
  anchor: string;
  file: string;
  checkOnly: boolean;
  /** -N: translation rules only; -R: filter rules only; both or neither: everything. */
  natOnly: boolean;
  filterOnly: boolean;
}

interface Staged {
  path: string;
  ruleset: PfAnchor;
  /**
   * The tables the load declares with their entries, when the load covers tables (not for -N / -R or brace anchors).
   */
  declared?: Map<string, string[]>;
}

function readFile(
  state: HostState,
  file: string,
  stdin: string | undefined,
): { name: string; text: string } | undefined {
  if (file === '-') return { name: 'stdin', text: stdin ?? '' };
  if (!file.startsWith('/'))
    unsupported('pfctl', `relative file name "${file}" (the emulator has no working directory)`);
  const text = state.files.get(file);
  return text === undefined ? undefined : { name: file, text };
}

/** The rule types a load covers: -N translation only, -R filter only, both or neither everything. */
function loadTypes(options: LoadOptions): { all: boolean; nat: boolean; filter: boolean } {
  const all = options.natOnly === options.filterOnly;
  return { all, nat: all || options.natOnly, filter: all || options.filterOnly };
}

/** The ruleset after a load of `rules`/`tables` into `before`, for the types the load covers. */
function merged(before: PfAnchor, rules: string[], tables: string[], options: LoadOptions): PfAnchor {
  const takes = loadTypes(options);
  const keep = (rule: string) => (ruleKind(rule) === 'filter' ? !takes.filter : !takes.nat);
  return {
    rules: [...before.rules.filter(keep), ...rules.filter((r) => !keep(r))],
    tables: takes.all ? tables : (before.tables ?? []),
  };
}

/**
 * A brace anchor after the load: pfctl_load_ruleset() opens its transaction only for the rule types
 * it has rules of (`if (TAILQ_FIRST(...) != NULL)`), so the other types keep their old rules.
 */
function mergedBraceAnchor(before: PfAnchor, rules: string[], options: LoadOptions): PfAnchor {
  const takes = loadTypes(options);
  const replaceNat = takes.nat && rules.some((r) => ruleKind(r) !== 'filter');
  const replaceFilter = takes.filter && rules.some((r) => ruleKind(r) === 'filter');
  const replaced = (rule: string) => (ruleKind(rule) === 'filter' ? replaceFilter : replaceNat);
  return {
    rules: [...before.rules.filter((r) => !replaced(r)), ...rules.filter(replaced)],
    tables: before.tables ?? [],
  };
}

/** Parses one file into a staged ruleset, or gives the stderr lines pfctl prints for it. */
function stage(
  state: HostState,
  vnet: Vnet,
  path: string,
  file: string,
  stdin: string | undefined,
  options: LoadOptions,
): (Staged & { loads: { anchor: string; file: string }[]; inline: Staged[] }) | { stderr: string[] } {
  const read = readFile(state, file, stdin);
  if (!read) {
    const lines = [
      `pfctl: ${file}: No such file or directory`,
      'pfctl: cannot open the main config file!: No such file or directory',
    ];
    return {
      stderr: options.checkOnly ? lines : [...lines, 'pfctl: Syntax error in config file: pf rules not loaded'],
    };
  }
  const checked = checkPfText(read.text, read.name, state, vnet.id);
  if (!checked.ok)
    return {
      stderr: options.checkOnly
        ? checked.errors
        : [...checked.errors, 'pfctl: Syntax error in config file: pf rules not loaded'],
    };
  const inline = [...checked.inline].map(([relative, rules]) => {
    const full = path ? `${path}/${relative}` : relative;
    return { path: full, ruleset: mergedBraceAnchor(rulesetOf(vnet, full), rules, options) };
  });
  return {
    path,
    ruleset: merged(rulesetOf(vnet, path), checked.rules, [...checked.tables.keys()], options),
    ...(loadTypes(options).all ? { declared: checked.tables } : {}),
    loads: checked.loads,
    inline,
  };
}

function sharesTableNames(vnet: Vnet, staged: Staged[]): boolean {
  const after = new Map([...vnet.pf.anchors].map(([path, r]) => [path, r.tables ?? []]));
  for (const { path, ruleset } of staged) after.set(path, ruleset.tables ?? []);
  const seen = new Set<string>();
  for (const tables of after.values()) {
    for (const name of tables) {
      if (seen.has(name)) return true;
      seen.add(name);
    }
  }
  return false;
}

function failed(lines: string[]): Output {
  return { code: 1, stdout: '', stderr: lines.map((l) => `${l}\n`).join('') };
}

/** Runs the load; on any failure nothing in the vnet changes. */
export function loadRules(state: HostState, vnet: Vnet, options: LoadOptions, stdin: string | undefined): Output {
  const top = stage(state, vnet, options.anchor, options.file, stdin, options);
  if ('stderr' in top) return failed(top.stderr);
  if (top.loads.length && options.anchor !== '')
    unsupported('pfctl', '`load anchor` in a file loaded with -a (processed at 00406234, ignored at bc5ed32b)');
  const staged: Staged[] = [top, ...top.inline];
  for (const load of top.loads) {
    if (staged.some((s) => s.path === load.anchor) || load.anchor === '')
      unsupported('pfctl', `anchor "${load.anchor}" loaded twice in one transaction`);
    const sub = stage(state, vnet, load.anchor, load.file, undefined, options);
    if ('stderr' in sub) return failed([...sub.stderr, 'pfctl: load anchors']);
    if (sub.loads.length) unsupported('pfctl', `\`load anchor\` inside the anchor file ${load.file}`);
    staged.push(sub, ...sub.inline);
  }
  if (options.checkOnly) return { code: 0, stdout: '', stderr: '' };
  // bc5ed32b main() warns about a table name defined both globally and in an anchor
  // (warn_namespace_collision(), not read); 00406234 has no such call.
  if (state.release !== '15' && sharesTableNames(vnet, staged))
    unsupported('pfctl', 'a table name defined in two rulesets (pfctl may warn about the collision)');
  for (const { path, ruleset, declared } of staged)
    replaceRuleset(vnet, path, declared ? { ...ruleset, tables: loadTables(vnet, path, declared) } : ruleset);
  return { code: 0, stdout: '', stderr: '' };
}
