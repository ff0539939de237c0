import type { FamilyVerdict } from '../../core/audit/verdict';

// The audit's verdicts as the dashboard shows them (components/audit/verdict-style.ts: the same
// symbols and labels), for a terminal and a PR comment: a symbol per cell, a label in sentences.

export const VERDICT_SYMBOL: Record<FamilyVerdict, string> = {
  reachable: '✓',
  partial: '½',
  'one-way': '→',
  blocked: '×',
  'no-route': '–',
  // The dashboard leaves this cell blank; a text table needs a mark that is not "no route".
  'no-ipv6': '∅',
};

export const VERDICT_LABEL: Record<FamilyVerdict, string> = {
  reachable: 'reachable',
  partial: 'partly reachable',
  'one-way': 'one-way',
  blocked: 'blocked by pf',
  'no-route': 'no route',
  'no-ipv6': 'no IPv6 here',
};

/** A jail and itself, in the matrix. */
export const SELF_SYMBOL = '·';

/** A verdict in words; 'absent' when a pair exists on one side of a comparison only. */
export function verdictLabel(verdict: string): string {
  return verdict === 'absent' ? 'not there' : (VERDICT_LABEL[verdict as FamilyVerdict] ?? verdict);
}
