'use client';

import { setDarkMode, useDarkMode } from './use-dark-mode';

export function ThemeToggle() {
  const dark = useDarkMode();
  return (
    <button
      type="button"
      onClick={() => setDarkMode(!dark)}
      className="rounded px-2.5 py-1 text-sm text-slate-300 hover:bg-slate-800 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400"
      aria-pressed={dark}
      title="Switch between light and dark"
      data-testid="theme-toggle">
      {dark ? 'Light' : 'Dark'}
    </button>
  );
}
