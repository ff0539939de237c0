'use client';

import type { Destination, Source } from '../../core/audit/audit';
import { exposedRules, type ExposedPort } from '../../core/audit/exposed';
import type { Explanation } from '../../core/audit/report';

// The Exposed view: per jail, the ports the LAN and the internet can open, each with the address
// and port asked and the rdr and filter rules that decide it. Each entry is a button: it asks the
// audit for that pair's explanation, which lights the path and lists every hop, the rdr step included.

function portName(entry: ExposedPort): string {
  return entry.other ? `${entry.protocol} (other ports)` : `${entry.protocol}/${entry.port}`;
}

function origin(entry: ExposedPort, lanNames: ReadonlyMap<string, string>): string {
  if (entry.origin === 'internet') return 'the internet';
  const name = entry.lan ? lanNames.get(entry.lan) : undefined;
  return name && name !== 'LAN' ? `the LAN ${name}` : 'the LAN';
}

/**
 * " via [2001:db8::5]:2001 (IPv6)": the family is named whenever the view holds IPv6 entries (IPv4
 * ones then say "(IPv4)"), since one port may be open in one family and closed in the other.
 */
function via(entry: ExposedPort, dual: boolean): string {
  const address = entry.family === 6 ? `[${entry.address}]` : entry.address;
  return ` via ${address}:${entry.askedPort}${dual ? ` (IPv${entry.family})` : ''}`;
}

/** The pair an entry stands for, as the ask form would put it. */
function exposedQuestion(entry: ExposedPort): { source: Source; destination: Destination } {
  return {
    source: entry.origin === 'lan' ? { kind: 'lan', id: entry.lan! } : { kind: 'internet' },
    destination: { kind: 'address', address: entry.address, probe: { proto: entry.protocol, port: entry.askedPort } },
  };
}

export function ExposedView({
  exposed,
  lanNames,
  explain,
  onAnswer,
  onError,
  heading = true,
}: {
  /** False where the page's own section already says "Exposed" (the host view). */
  heading?: boolean;
  exposed: readonly ExposedPort[];
  lanNames: ReadonlyMap<string, string>;
  explain: (source: Source, destination: Destination) => Promise<Explanation>;
  onAnswer: (title: string, explanation: Explanation) => void;
  onError: (message: string) => void;
}) {
  const dual = exposed.some((e) => e.family === 6);
  const byJail = new Map<string, ExposedPort[]>();
  for (const entry of exposed) byJail.set(entry.name, [...(byJail.get(entry.name) ?? []), entry]);
  const ask = async (entry: ExposedPort) => {
    const { source, destination } = exposedQuestion(entry);
    const from = entry.origin === 'lan' ? 'LAN' : 'internet';
    try {
      const address = entry.family === 6 ? `[${entry.address}]` : entry.address;
      onAnswer(`${from} → ${address}:${entry.protocol}/${entry.askedPort}`, await explain(source, destination));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-label="Exposed ports" className="space-y-1.5" data-testid="exposed-view">
      {heading ? (
        <h3 className="text-[11px] font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">
          Exposed
        </h3>
      ) : null}
      {exposed.length === 0 ? (
        <p className="text-xs text-slate-500" data-testid="exposed-empty">
          Nothing on any jail is reachable from the LAN or the internet.
        </p>
      ) : (
        <ul className="space-y-1.5">
          {[...byJail].map(([jail, entries]) => (
            <li key={jail} data-testid="exposed-jail" data-jail={jail}>
              <span className="text-xs font-semibold text-slate-800 dark:text-slate-200">{jail}</span>
              <ul className="mt-0.5 space-y-0.5">
                {entries.map((entry) => (
                  <li
                    key={`${entry.origin}|${entry.lan}|${entry.protocol}|${entry.port}|${entry.address}|${entry.askedPort}`}>
                    <button
                      type="button"
                      className="w-full rounded px-1 text-left text-xs text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400 dark:text-slate-300 dark:hover:bg-slate-800"
                      data-testid="exposed-port"
                      data-origin={entry.origin}
                      data-family={entry.family}
                      data-port={`${entry.protocol}/${entry.port}`}
                      onClick={() => void ask(entry)}>
                      <span className="font-medium">
                        {jail} — {portName(entry)} from {origin(entry, lanNames)}
                        {via(entry, dual)}
                      </span>
                      {entry.verdict === 'one-way' ? (
                        <span className="text-amber-700"> (the reply is lost)</span>
                      ) : null}
                      <span className="block pl-3 font-mono text-[10px] text-slate-500">{exposedRules(entry)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
