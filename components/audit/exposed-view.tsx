'use client';

import type { Destination, Source } from '../../core/audit/audit';
import {
  exposedQuestion,
  exposedQuestionTitle,
  exposedRules,
  exposedLine,
  type ExposedPort,
} from '../../core/audit/exposed';
import type { Explanation } from '../../core/audit/report';

// The Exposed view: per jail, the ports the LAN and the internet can open, each with the address
// and port asked and the rdr and filter rules that decide it. Each entry is a button: it asks the
// audit for that pair's explanation, which lights the path and lists every hop, the rdr step included.
// The words are core's (core/audit/exposed.ts), as in intent violations.

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
    try {
      onAnswer(exposedQuestionTitle(entry), await explain(source, destination));
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
                      <span className="font-medium">{exposedLine(entry, { lanNames, dual })}</span>
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
