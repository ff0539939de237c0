import { canonicalRule } from '../pf-rules';
import type { Release, Vnet } from '../state';
import { unsupported } from '../commands/output';
import {
  anchorCall,
  CALL_KEYWORDS,
  childrenOf,
  describeRule,
  existingAnchors,
  memoByText,
  rulesetOf,
  type RuleKind,
  type StoredRule,
} from './store';

// pfctl -s rules / -s nat / -s Anchors over the store (docs/freebsd/pf.md "Listing"). Sources, all
// sbin/pfctl/pfctl.c at 00406234 unless named:
// - pfctl_show_rules(): prints each rule of the ruleset, indented two spaces per depth (INDENT).
//   An anchor rule is followed by " {", its anchor's rules one level deeper and "}" only when the
//   user asked for recursion (-a '*' or -a 'x/*' set PF_OPT_RECURSE in main()) or the anchor is an
//   unnamed brace anchor. A wildcard call ("x/*") lists x's child rulesets as `anchor "<name>" all {`
//   instead of x's own rules. So only anchors the ruleset calls are shown.
// - pfctl_show_nat(): the same for the nat, rdr and binat rulesets, in that order; wildcard children
//   are opened with `nat-anchor "<name>" all {` whichever kind called them.
// - print_rule() (pfctl_parser.c): an anchor rule prints as `<keyword> "<anchor_call>"` and then its
//   conditions; with none, print_fromto() gives " all" (fixture pfctl-sr-a-star-nested-anchor-
//   expected.txt: `anchor "foo" all {`).
// - pfctl_show_anchors() (bc5ed32b) / pfctl_walk_anchors() (00406234): "  <path>/<name>" per child,
//   two leading spaces; "Anchor '<x>' not found." on stderr when x does not exist; main() ignores
//   the result, so the exit status stays 0.

const CALL_KEYWORD = Object.fromEntries(
  Object.entries(CALL_KEYWORDS).map(([keyword, kind]) => [kind, keyword]),
) as Readonly<Record<RuleKind, string>>;
/** pfctl_show_nat()'s order. */
const NAT_ORDER: readonly RuleKind[] = ['nat', 'rdr', 'binat'];

/** How each stored rule prints, without and with -P: worked out once per rule text. */
const PRINTED = {
  written: memoByText((rule) => canonicalRule(rule, false)),
  numeric: memoByText((rule) => canonicalRule(rule, true)),
};

interface Listing {
  vnet: Vnet;
  existing: Set<string>;
  recurse: boolean;
  numeric: boolean;
  lines: string[];
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function rulesOfKinds(vnet: Vnet, path: string, kinds: readonly RuleKind[]): StoredRule[] {
  const rules = rulesetOf(vnet, path).rules.map(describeRule);
  return kinds.flatMap((kind) => rules.filter((r) => r.kind === kind));
}

/** One ruleset at `path`, as pfctl_show_rules()/pfctl_show_nat() print it at `depth`. */
function listRuleset(list: Listing, path: string, kinds: readonly RuleKind[], depth: number): void {
  for (const rule of rulesOfKinds(list.vnet, path, kinds)) {
    const call = anchorCall(rule, path);
    if (!call) {
      list.lines.push(`${indent(depth)}${(list.numeric ? PRINTED.numeric : PRINTED.written)(rule.text)}`);
      continue;
    }
    const line = `${indent(depth)}${CALL_KEYWORD[rule.kind]} "${call.written}" all`;
    if (!list.recurse) {
      list.lines.push(line);
      continue;
    }
    list.lines.push(`${line} {`);
    if (call.wildcard) {
      // The wildcard branch: every child ruleset of the called anchor, one level deeper.
      const opener = kinds.includes('filter') ? 'anchor' : 'nat-anchor';
      for (const child of childrenOf(list.existing, call.path)) {
        list.lines.push(`${indent(depth + 1)}${opener} "${child}" all {`);
        listRuleset(list, call.path ? `${call.path}/${child}` : child, kinds, depth + 2);
        list.lines.push(`${indent(depth + 1)}}`);
      }
    } else {
      listRuleset(list, call.path, kinds, depth + 1);
    }
    list.lines.push(`${indent(depth)}}`);
  }
}

export interface ShowRequest {
  release: Release;
  anchor: string;
  recurse: boolean;
  what: 'rules' | 'nat';
  /** -n: ports and protocols as numbers. */
  numeric?: boolean;
}

/**
 * `pfctl [-a anchor] -s rules|nat`. `recurse` is PF_OPT_RECURSE (the anchor option ended in "*").
 * For an anchor that does not exist pfctl warns and exits 0; only 15's wording was read.
 */
export function showRules(
  vnet: Vnet,
  { release, anchor, recurse, what, numeric = false }: ShowRequest,
): { stdout: string; stderr: string } {
  const existing = existingAnchors(vnet);
  if (!existing.has(anchor)) {
    // 00406234 pfctl_show_rules(): warnx("%s", pf_strerror(ret)) with EINVAL/ENOENT → "Anchor does
    // not exist". The nat listing (warnc "DIOCGETRULES") and 13/14 were not read.
    if (what === 'rules' && release === '15') return { stdout: '', stderr: 'pfctl: Anchor does not exist\n' };
    unsupported('pfctl', `-s ${what} of an anchor that does not exist (its wording on ${release} was not read)`);
  }
  const list: Listing = { vnet, existing, recurse, numeric, lines: [] };
  listRuleset(list, anchor, what === 'rules' ? ['filter'] : NAT_ORDER, 0);
  return { stdout: list.lines.map((l) => `${l}\n`).join(''), stderr: '' };
}

/**
 * `pfctl [-a anchor] -s Anchors`. 14's pfctl_show_anchors() (bc5ed32b) lists the direct children
 * only (deeper levels need -v); 15's pfctl_walk_anchors() (00406234) walks the whole subtree,
 * depth first. 13 is taken to print like 14 (not read). The Ethernet anchors walk that follows
 * (pfctl_show_eth_anchors()) is not emulated: see docs/freebsd/pf.md.
 */
export function showAnchors(vnet: Vnet, release: Release, anchor: string): { stdout: string; stderr: string } {
  const existing = existingAnchors(vnet);
  if (!existing.has(anchor)) return { stdout: '', stderr: `Anchor '${anchor}' not found.\n` };
  const lines: string[] = [];
  const walk = (path: string) => {
    for (const child of childrenOf(existing, path)) {
      const full = path ? `${path}/${child}` : child;
      lines.push(`  ${full}`);
      if (release === '15') walk(full);
    }
  };
  walk(anchor);
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '' };
}
