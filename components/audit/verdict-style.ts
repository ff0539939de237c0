import type { Verdict } from '../../core/audit/audit';
import { VERDICT_WORDS } from '../../core/audit/verdict';

// One look per verdict, used by the matrix, the explanation and the badges alike. Colour is never
// the only signal: every cell also carries a letter and a label.

export const VERDICT_LOOK: Record<Verdict, { label: string; letter: string; cell: string; pill: string }> = {
  reachable: {
    label: VERDICT_WORDS.reachable,
    letter: '✓',
    cell: 'bg-emerald-500 text-white',
    pill: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  },
  partial: {
    label: VERDICT_WORDS.partial,
    letter: '½',
    cell: 'bg-lime-300 text-lime-950',
    pill: 'bg-lime-100 text-lime-900 dark:bg-lime-900 dark:text-lime-100',
  },
  'one-way': {
    label: VERDICT_WORDS['one-way'],
    letter: '→',
    cell: 'bg-amber-400 text-amber-950',
    pill: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  },
  blocked: {
    label: VERDICT_WORDS.blocked,
    letter: '×',
    cell: 'bg-red-500 text-white',
    pill: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  },
  'no-route': {
    label: VERDICT_WORDS['no-route'],
    letter: '–',
    cell: 'bg-slate-300 text-slate-700 dark:bg-slate-600 dark:text-slate-100',
    pill: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  },
};

/** An IPv6 cell where one side has no IPv6 address: nothing was asked (not a no-route). */
export const NO_IPV6_LOOK = {
  label: VERDICT_WORDS['no-ipv6'],
  letter: '',
  cell: 'bg-white text-slate-400 ring-1 ring-inset ring-slate-200 dark:bg-slate-900 dark:ring-slate-700',
  pill: 'bg-white text-slate-600 ring-1 ring-slate-300 dark:bg-slate-900 dark:text-slate-300',
};
