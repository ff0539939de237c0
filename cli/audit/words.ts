import type { FamilyVerdict } from '../../core/audit/verdict';

// The audit's verdicts as the dashboard shows them (components/audit/verdict-style.ts: the same
// symbols; the words are core's VERDICT_WORDS), for a terminal and a PR comment: a symbol per cell.

export const VERDICT_SYMBOL: Record<FamilyVerdict, string> = {
  reachable: '✓',
  partial: '½',
  'one-way': '→',
  blocked: '×',
  'no-route': '–',
  // The dashboard leaves this cell blank; a text table needs a mark that is not "no route".
  'no-ipv6': '∅',
};

/** A jail and itself, in the matrix. */
export const SELF_SYMBOL = '·';
