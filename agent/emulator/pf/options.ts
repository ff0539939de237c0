import { getopt } from '../commands/getopt';
import { unsupported } from '../commands/output';

// pfctl's command line, as main() in sbin/pfctl/pfctl.c (commit 00406234; bc5ed32b differs only in
// options the emulator refuses) reads it:
// - getopt(3) with "a:AdD:eqf:F:ghi:k:K:mMnNOo:Pp:rRs:St:T:vx:z" (bc5ed32b: no "S"): flags may be
//   clustered ("-sr", "-eq") and an option's argument may be attached or the next word.
// - -s and -F take the first entry of showopt_list / clearopt_list that starts with the argument
//   (pfctl_lookup_option(), strncmp over strlen(arg)): "r" → rules, "n" → nat, "A" → Anchors,
//   "i" → info, "a" → all. No match: warnx "Unknown show/flush modifier '%s'" and usage().
// - An anchor ending in "*" sets PF_OPT_RECURSE and loses the "*" (and a "/" before it).
// - Words after the options: warnx "unknown command line argument: %s ..." and usage().
// The usage() text differs between revisions (the option lists), so every path that ends in usage()
// is refused rather than answered.

export interface PfctlOptions {
  anchor?: string;
  recurse: boolean;
  file?: string;
  show?: string;
  flush?: string;
  checkOnly: boolean;
  enable: boolean;
  disable: boolean;
  quiet: boolean;
  natOnly: boolean;
  filterOnly: boolean;
  /** -P: ports as numbers in listings (print_port()'s numeric argument). */
  numeric: boolean;
  /** -g: PF_OPT_DEBUG, which changes only listings (rule numbers, skip steps). */
  debug: boolean;
  /** -t: the table -T works on. */
  table?: string;
  /** -T: the table command, looked up in tblcmdopt_list; its operands are the words after the options. */
  tableCommand?: string;
  tableOperands: string[];
}

const WITH_ARGUMENT = 'aDfFikKopstTx';
const KNOWN = 'aAdDeqfFghikKmMnNOoPprRsStTvxz';

const SHOW_LIST = [
  'ether',
  'nat',
  'queue',
  'rules',
  'Anchors',
  'Sources',
  'states',
  'info',
  'Interfaces',
  'labels',
  'timeouts',
  'memory',
  'Tables',
  'osfp',
  'Running',
  'all',
  'creatorids',
];
/** pfctl.c tblcmdopt_list. */
const TABLE_COMMANDS = ['kill', 'flush', 'add', 'delete', 'load', 'replace', 'show', 'test', 'zero', 'expire', 'reset'];
const CLEAR_LIST = ['nat', 'queue', 'rules', 'Sources', 'states', 'info', 'Tables', 'osfp', 'all', 'ethernet', 'Reset'];

function lookup(arg: string, list: readonly string[]): string | undefined {
  return arg === '' ? undefined : list.find((entry) => entry.startsWith(arg));
}

const MODELLED_FLAGS = new Set(['a', 'd', 'e', 'q', 'f', 'F', 'g', 'n', 'N', 'P', 'R', 's', 't', 'T']);

export function parsePfctlArgs(args: string[]): PfctlOptions {
  if (args.length === 0) unsupported('pfctl', 'no arguments (pfctl prints its usage)');
  const { options: pairs, operands: rest } = getopt('pfctl', args, { known: KNOWN, withArgument: WITH_ARGUMENT });
  // main(): with -T the words after the options are the table command's addresses.
  const withTableCommand = pairs.some(([flag]) => flag === 'T');
  if (rest.length && !withTableCommand)
    unsupported('pfctl', `"${rest[0]}": pfctl warns "unknown command line argument" and prints its usage`);
  const options: PfctlOptions = {
    recurse: false,
    checkOnly: false,
    enable: false,
    disable: false,
    quiet: false,
    natOnly: false,
    filterOnly: false,
    numeric: false,
    debug: false,
    tableOperands: withTableCommand ? rest : [],
  };
  for (const [flag, value] of pairs) {
    if (!MODELLED_FLAGS.has(flag)) unsupported('pfctl', `option -${flag}`);
    if (flag === 'a') options.anchor = value!;
    else if (flag === 'd') options.disable = true;
    else if (flag === 'e') options.enable = true;
    else if (flag === 'q') options.quiet = true;
    else if (flag === 'f') options.file = value!;
    else if (flag === 'n') options.checkOnly = true;
    else if (flag === 'N') options.natOnly = true;
    else if (flag === 'R') options.filterOnly = true;
    else if (flag === 'P') options.numeric = true;
    else if (flag === 'g') options.debug = true;
    else if (flag === 't') options.table = value!;
    else if (flag === 'T') {
      options.tableCommand = lookup(value!, TABLE_COMMANDS);
      if (!options.tableCommand)
        unsupported('pfctl', `-T ${value}: pfctl warns "Unknown table command" and prints its usage`);
    } else if (flag === 's') {
      options.show = lookup(value!, SHOW_LIST);
      if (!options.show) unsupported('pfctl', `-s ${value}: pfctl warns "Unknown show modifier" and prints its usage`);
    } else if (flag === 'F') {
      options.flush = lookup(value!, CLEAR_LIST);
      if (!options.flush)
        unsupported('pfctl', `-F ${value}: pfctl warns "Unknown flush modifier" and prints its usage`);
    }
  }
  // -g prints rule numbers and skip steps in listings (pfctl_show_rules(): rule_numbers,
  // pfctl_print_rule_counters()); not modelled there. It changes nothing else.
  if (options.debug && options.show !== undefined) unsupported('pfctl', '-g with -s');
  if (options.anchor !== undefined) {
    const anchor = options.anchor;
    if (anchor.endsWith('*')) {
      options.recurse = true;
      options.anchor = anchor.endsWith('/*') ? anchor.slice(0, -2) : anchor.slice(0, -1);
    }
  }
  return options;
}
