// Readers for pfctl listings (docs/freebsd.md §9).
//
// `pfctl -s rules` / `-s nat` print one rule per line. With `-a '*'` pfctl descends into
// anchors and prints their rules inside braces, indented two spaces per level (verbatim fixture
// pfctl-sr-a-star-nested-anchor-expected.txt):
//   anchor "foo" all {
//     anchor "bar" all {
//       pass on ${epair}a all flags S/SA keep state
//     }
//   }
// Without `-a '*'` an anchor call is a plain line (`nat-anchor "pot-nat" all`, unverified form).
// `-v` counter lines ("  [ Evaluations: ...") are not handled: do not pass -v.
import { ParseError } from './parse-error';

export { canonicalPfRule, sameRuleMeaning } from '../../core/pf/rule-meaning';

const COMMAND = 'pfctl';
const ANCHOR_LINE = /^(anchor|nat-anchor|rdr-anchor|binat-anchor) "([^"]*)"(.*?)( \{)?$/;
/** First words a printed rule can start with (pfctl_parser.c print_rule action names). */
const RULE_WORDS = new Set(['pass', 'block', 'match', 'scrub', 'no', 'nat', 'rdr', 'binat']);

export type PfListingNode = PfRuleLine | PfAnchorLine;

export interface PfRuleLine {
  kind: 'rule';
  /** The rule as printed, without indentation. */
  text: string;
  line: number;
}

export interface PfAnchorLine {
  kind: 'anchor';
  keyword: 'anchor' | 'nat-anchor' | 'rdr-anchor' | 'binat-anchor';
  /** Anchor path as printed: "foo", "pot-rdr/*". */
  name: string;
  /** The anchor line without the trailing " {": `anchor "foo" all`. */
  text: string;
  line: number;
  /** Rules inside the anchor, present only when pfctl printed a `{ ... }` block (-a '*'). */
  children?: PfListingNode[];
}

/** `pfctl [-a <anchor>] -s rules | -s nat` and `pfctl -sr -a '*'`. */
export function parsePfRules(text: string): PfListingNode[] {
  const top: PfListingNode[] = [];
  const open: PfAnchorLine[] = [];
  const lines = text.split('\n');

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const siblings = open[open.length - 1]?.children ?? top;
    if (trimmed === '}') {
      if (!open.pop()) throw new ParseError(COMMAND, line, 'a rule or anchor line ("}" closes nothing)', raw);
      return;
    }
    const anchor = ANCHOR_LINE.exec(trimmed);
    if (anchor) {
      const node: PfAnchorLine = {
        kind: 'anchor',
        keyword: anchor[1] as PfAnchorLine['keyword'],
        name: anchor[2] ?? '',
        text: `${anchor[1]} "${anchor[2]}"${anchor[3] ?? ''}`,
        line,
      };
      siblings.push(node);
      if (anchor[4]) {
        node.children = [];
        open.push(node);
      }
      return;
    }
    const firstWord = trimmed.split(' ')[0] ?? '';
    if (!RULE_WORDS.has(firstWord)) throw new ParseError(COMMAND, line, 'a pf rule (pass, block, match, nat, rdr, ...) or anchor line', raw);
    siblings.push({ kind: 'rule', text: trimmed, line });
  });

  const unclosed = open[open.length - 1];
  if (unclosed) throw new ParseError(COMMAND, lines.length, `"}" closing anchor "${unclosed.name}" opened on line ${unclosed.line}`, 'end of output');
  return top;
}

/** Every rule (not anchor lines) in listing order, with the anchor path it sits in. */
export function flattenPfRules(nodes: PfListingNode[], path: string[] = []): { anchorPath: string; rule: PfRuleLine }[] {
  return nodes.flatMap((node) =>
    node.kind === 'rule' ? [{ anchorPath: path.join('/'), rule: node }] : flattenPfRules(node.children ?? [], [...path, node.name]),
  );
}

/**
 * `pfctl -a <anchor> -s Anchors`: one anchor path per line (fixture pfctl-a-s-Anchors-12x-journal.txt).
 * Leading spaces are tolerated: the fixture came through a document that may have dropped them.
 */
export function parsePfAnchors(text: string): string[] {
  return text
    .split('\n')
    .map((raw, index) => {
      const name = raw.trim();
      if (name !== '' && !/^[^\s"]+$/.test(name)) throw new ParseError(COMMAND, index + 1, 'one anchor path per line', raw);
      return name;
    })
    .filter((name) => name !== '');
}

export interface PfInfoCounter {
  total: bigint;
  /** As printed, e.g. "7.2/s"; absent for rows such as "current entries". */
  rate?: string;
}

export interface PfInfo {
  enabled: boolean;
  /** "0 days 00:26:05" as printed after "Enabled for". */
  runningFor?: string;
  /** Debug level, e.g. "Urgent". */
  debug?: string;
  /** Section title ("State Table", "Counters", ...) → row name → value. */
  sections: Record<string, Record<string, PfInfoCounter>>;
}

const STATUS = /^Status: (Enabled|Disabled)(?: for (.+?))?(?:\s+Debug: (\S+))?\s*$/;
const COUNTER_ROW = /^\s+(\S.*?)\s+(\d+)(?:\s+(\d+(?:\.\d+)?\/s))?\s*$/;

/**
 * `pfctl -s info` (fixture pfctl-s-info-telegraf.txt, an older pfctl). Section titles start in
 * column 0 (`State Table   Total   Rate`, `Counters`); rows are indented. Rows of other shapes
 * printed by newer versions (e.g. two-column interface stats) are skipped: unverified formats.
 */
export function parsePfInfo(text: string): PfInfo {
  const lines = text.split('\n');
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  const first = lines[firstIndex] ?? '';
  const status = STATUS.exec(first);
  if (!status) throw new ParseError(COMMAND, firstIndex < 0 ? 0 : firstIndex + 1, '"Status: Enabled|Disabled ..."', first);

  const info: PfInfo = {
    enabled: status[1] === 'Enabled',
    ...(status[2] !== undefined ? { runningFor: status[2] } : {}),
    ...(status[3] !== undefined ? { debug: status[3] } : {}),
    sections: {},
  };
  let section: Record<string, PfInfoCounter> | undefined;
  lines.slice(firstIndex + 1).forEach((raw, offset) => {
    if (raw.trim() === '') return;
    if (!/^\s/.test(raw)) {
      // "State Table                          Total             Rate": the title ends at a wide gap.
      const title = raw.split(/\s{2,}/)[0] ?? raw;
      section = info.sections[title] ??= {};
      return;
    }
    if (!section) throw new ParseError(COMMAND, firstIndex + offset + 2, 'a section title before counter rows', raw);
    const row = COUNTER_ROW.exec(raw);
    if (!row) return;
    section[row[1] ?? ''] = { total: BigInt(row[2] ?? '0'), ...(row[3] !== undefined ? { rate: row[3] } : {}) };
  });
  return info;
}
