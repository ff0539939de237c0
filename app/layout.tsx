import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LogoutButton } from '../components/auth/logout-button';
import { QueryProvider } from '../components/data/query-provider';
import { LAYOUT_WORKER_BOOT_SCRIPT } from '../components/canvas/layout-worker';
import { ThemeToggle } from '../components/theme/theme-toggle';
import { THEME_BOOT_SCRIPT } from '../components/theme/use-dark-mode';
import './globals.css';

export const metadata: Metadata = {
  title: 'Patchbay',
  description: 'Draw, apply, audit and watch networks of FreeBSD vnet jails',
};

function Logo() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      aria-hidden>
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="6" r="2.5" />
      <circle cx="6" cy="18" r="2.5" />
      <circle cx="18" cy="18" r="2.5" />
      <path d="M8.5 6h7M6 8.5v7M8 16l8-8" />
    </svg>
  );
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        <script dangerouslySetInnerHTML={{ __html: LAYOUT_WORKER_BOOT_SCRIPT }} />
      </head>
      <body className="flex h-full flex-col bg-white dark:bg-slate-900 font-sans text-slate-900 dark:text-slate-100 antialiased">
        <QueryProvider>
          <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-800 bg-slate-900 px-5 text-white">
            <span className="text-violet-300">
              <Logo />
            </span>
            <span className="font-semibold tracking-tight">Patchbay</span>
            <span className="text-sm text-slate-400">networks of FreeBSD vnet jails</span>
            <nav className="ml-auto flex items-center gap-1 text-sm">
              <Link href="/" className="rounded px-2.5 py-1 text-slate-300 hover:bg-slate-800 hover:text-white">
                Demo
              </Link>
              <Link href="/designs" className="rounded px-2.5 py-1 text-slate-300 hover:bg-slate-800 hover:text-white">
                Designs
              </Link>
              <Link href="/hosts" className="rounded px-2.5 py-1 text-slate-300 hover:bg-slate-800 hover:text-white">
                Hosts
              </Link>
              <ThemeToggle />
              <LogoutButton />
            </nav>
          </header>
          {children}
        </QueryProvider>
      </body>
    </html>
  );
}
