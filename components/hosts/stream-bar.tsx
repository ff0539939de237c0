'use client';

import Link from 'next/link';
import type { HostSummary } from '../../server/storage/hosts';
import { BUTTON } from '../ui/styles';
import { useTraffic, useTrafficStore } from './traffic-context';

/** The host and its live stream at a glance: reachable or not, how often it samples, when it last did. */
export function StreamBar({ host, osrelease }: { host: HostSummary | null; osrelease: string | null }) {
  const traffic = useTrafficStore();
  const online = useTraffic((s) => s.online);
  const message = useTraffic((s) => s.statusMessage);
  const intervalMs = useTraffic((s) => s.intervalMs);
  const lastTime = useTraffic((s) => s.lastTime);
  const unit = useTraffic((s) => s.unit);
  const paused = useTraffic((s) => s.paused);
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-700">
      <Link href="/hosts" className="text-slate-500 hover:underline">
        Hosts
      </Link>
      <span className="text-slate-400">/</span>
      <span className="font-semibold" data-testid="host-name">
        {host?.name ?? '…'}
      </span>
      {osrelease && <span className="text-slate-500">FreeBSD {osrelease}</span>}
      {host?.lastInfo && (
        <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
          {host.lastInfo.driver === 'emulator' ? 'emulated' : 'real'}
        </span>
      )}
      <span
        className={`flex items-center gap-1.5 rounded px-2 py-0.5 text-xs font-medium ${online ? 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' : online === false ? 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800'}`}
        title={message}
        data-testid="stream-status">
        <span
          className={`h-2 w-2 rounded-full ${online ? 'bg-emerald-500' : online === false ? 'bg-red-500' : 'bg-slate-400'}`}
        />
        {online ? 'live' : online === false ? 'offline' : 'connecting'}
      </span>
      {online === false && (
        <span className="max-w-md truncate text-xs text-red-700 dark:text-red-300" data-testid="stream-message">
          {message}
        </span>
      )}
      <span className="text-xs text-slate-500" data-testid="sampling">
        {intervalMs ? `every ${(intervalMs / 1000).toFixed(intervalMs % 1000 ? 1 : 0)} s` : 'sampling…'}
        {lastTime ? ` · last sample ${new Date(lastTime).toLocaleTimeString()}` : ''}
      </span>
      <div className="ml-auto flex items-center gap-2">
        <div
          className="flex overflow-hidden rounded-md border border-slate-300 text-xs dark:border-slate-600"
          role="group"
          aria-label="Rate unit">
          {(['bits', 'packets'] as const).map((u) => (
            <button
              key={u}
              type="button"
              className={`px-2 py-1 ${unit === u ? 'bg-violet-600 text-white' : 'bg-white dark:bg-slate-900'}`}
              onClick={() => traffic.store.setState({ unit: u })}
              aria-pressed={unit === u}>
              {u === 'bits' ? 'bit/s' : 'packets/s'}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={BUTTON}
          onClick={() => traffic.store.setState({ paused: !paused })}
          data-testid="pause">
          {paused ? 'Resume chart' : 'Pause chart'}
        </button>
        {host && (
          <a href={`/hosts/${host.id}/journal`} className={BUTTON}>
            Journal
          </a>
        )}
      </div>
    </div>
  );
}
