import type { PfAnchor, Vnet } from '../state';

// One vnet's pf rulesets: the main ruleset (path "") and the anchors, as the kernel keeps them
// (docs/freebsd/pf.md "Which anchors exist"). Sources:
// - An anchor rule creates the anchor it calls and holds a reference on it; a trailing "/*" is
//   stripped and marks the rule as a wildcard (sys/netpfil/pf/pf_ruleset.c pf_kanchor_setup(),
//   commit 03ccfdd2).
// - A ruleset is removed once it has no rules, no tables, no children and no reference
//   (pf_ruleset.c pf_remove_if_empty_kruleset(), 03ccfdd2), which pf_commit_rules() runs after
//   every commit (sys/netpfil/pf/pf_ioctl.c).
// So the anchors that exist are exactly: those holding rules or tables, those some rule calls, and
// every parent of those. The store keeps only rulesets with content and derives the rest.

export type RuleKind = 'filter' | 'nat' | 'rdr' | 'binat';

/** The translation actions, which are also the kinds of their rulesets. */
export const TRANSLATION_KINDS: readonly RuleKind[] = ['nat', 'rdr', 'binat'];

interface AnchorCall {
  /** The name as written and as pfctl prints it back, e.g. "patchbay/*". */
  written: string;
  /** The anchor path it resolves to, without the "/*". */
  path: string;
  wildcard: boolean;
}

/** The keywords of anchor calls, and the kernel ruleset each call goes to. */
export const CALL_KEYWORDS: Readonly<Record<string, RuleKind>> = {
  anchor: 'filter',
  'nat-anchor': 'nat',
  'rdr-anchor': 'rdr',
  'binat-anchor': 'binat',
};

/** What a stored rule's text says about where it lives, worked out once per text (describeRule()). */
export interface StoredRule {
  text: string;
  kind: RuleKind;
  /** For an anchor call: the anchor name as written, quotes dropped; not yet resolved (anchorCall()). */
  calls?: string;
}

/** Distinct rule texts remembered before the memo starts afresh, so it cannot grow without end. */
const MEMO_LIMIT = 10_000;

/** `compute` remembered by rule text: listings ask about the same stored rules over and over. */
export function memoByText<T>(compute: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const value = compute(text);
    memo.set(text, value);
    return value;
  };
}

/**
 * Which kernel ruleset a stored rule lives in (nat/rdr/binat rules and their anchor calls go to the
 * translation rulesets, pfctl -s nat; everything else to the filter ruleset, pfctl -s rules), and
 * the anchor it calls.
 */
export const describeRule = memoByText((text): StoredRule => {
  const [first = '', second = ''] = text.trim().split(/\s+/);
  if (Object.hasOwn(CALL_KEYWORDS, first))
    return { text, kind: CALL_KEYWORDS[first]!, calls: second.replace(/^"(.*)"$/, '$1') };
  const word = first === 'no' ? second : first;
  if (Object.hasOwn(CALL_KEYWORDS, word)) return { text, kind: CALL_KEYWORDS[word]! };
  return { text, kind: TRANSLATION_KINDS.includes(word as RuleKind) ? (word as RuleKind) : 'filter' };
});

/** describeRule()'s kind alone. */
export function ruleKind(rule: string): RuleKind {
  return describeRule(rule).kind;
}

/** The anchor a stored rule calls, resolved against the ruleset it sits in; undefined for other rules. */
export function anchorCall(rule: StoredRule, rulesetPath: string): AnchorCall | undefined {
  const written = rule.calls;
  if (written === undefined) return undefined;
  // Absolute names start with "/"; others are relative to the calling ruleset (pf_kanchor_setup()).
  const joined = written.startsWith('/') ? written.slice(1) : rulesetPath ? `${rulesetPath}/${written}` : written;
  const wildcard = joined === '*' || joined.endsWith('/*');
  return { written, path: wildcard ? joined.replace(/\/?\*$/, '') : joined, wildcard };
}

export function rulesetOf(vnet: Vnet, path: string): PfAnchor {
  return vnet.pf.anchors.get(path) ?? { rules: [] };
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Every anchor path that exists in the vnet (the main ruleset "" always does). */
export function existingAnchors(vnet: Vnet): Set<string> {
  const roots = new Set<string>();
  for (const [path, ruleset] of vnet.pf.anchors) {
    if (path !== '' && (ruleset.rules.length > 0 || (ruleset.tables?.length ?? 0) > 0)) roots.add(path);
    for (const rule of ruleset.rules) {
      const call = anchorCall(describeRule(rule), path);
      if (call && call.path !== '') roots.add(call.path);
    }
  }
  const all = new Set<string>(['']);
  for (const root of roots) for (const path of ancestors(root)) all.add(path);
  return all;
}

/** The direct children of an anchor, in the kernel's order (sorted by path, see docs/freebsd/pf.md). */
export function childrenOf(existing: Set<string>, path: string): string[] {
  const prefix = path === '' ? '' : `${path}/`;
  const names = [...existing]
    .filter((p) => p !== '' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .map((p) => p.slice(prefix.length));
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Replaces the parts of a ruleset a load or flush touches; an emptied anchor is dropped, as the kernel drops it. */
export function replaceRuleset(vnet: Vnet, path: string, next: PfAnchor): void {
  const empty = next.rules.length === 0 && (next.tables?.length ?? 0) === 0;
  if (empty && path !== '') vnet.pf.anchors.delete(path);
  else
    vnet.pf.anchors.set(path, { rules: [...next.rules], ...(next.tables?.length ? { tables: [...next.tables] } : {}) });
}
