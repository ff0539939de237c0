// Class lists shared by every page's controls, so buttons and fields look alike everywhere.

export const BUTTON =
  'rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2.5 py-1 text-sm text-slate-800 dark:text-slate-200 shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400 disabled:cursor-not-allowed disabled:opacity-50';

export const PRIMARY_BUTTON = `${BUTTON} !border-violet-600 !bg-violet-600 !text-white hover:!bg-violet-700`;

export const DANGER_BUTTON = `${BUTTON} !border-red-300 !text-red-700 hover:!bg-red-50 dark:!border-red-800 dark:!text-red-300 dark:hover:!bg-red-950`;

export const INPUT =
  'w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm text-slate-900 dark:text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400';
