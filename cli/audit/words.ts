import { VERDICT_WORDS, verdictWords, type FamilyVerdict } from '../../core/audit/verdict';

// The audit's verdicts as the dashboard shows them (components/audit/verdict-style.ts: the same
// symbols, and core's VERDICT_WORDS), for a terminal and a PR comment: a symbol per cell, a label in sentences.

export const VERDICT_SYMBOL: Record<FamilyVerdict, string> = {
  reachable: '✓',
  partial: '½',
  'one-way': '→',
  blocked: '×',
  'no-route': '–',
  // The dashboard leaves this cell blank; a text table needs a mark that is not "no route".
  'no-ipv6': '∅',
};

export const VERDICT_LABEL = VERDICT_WORDS;

/** A jail and itself, in the matrix. */
export const SELF_SYMBOL = '·';

export const verdictLabel = verdictWords;
