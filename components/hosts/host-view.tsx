'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { compareTopologies, overlayDesign, type Difference } from '../../core/compare/compare';
import { toGraph } from '../../core/graph/to-graph';
import { counterKeys } from '../../core/traffic/meters';
import { HostExposed } from '../audit/exposed-section';
import { OpenHostAsDesign } from './open-host-as-design';
import { useWarmLayout } from '../canvas/use-warm-layout';
import { Section } from '../section';
import { hostStateRefetchIn } from '../data/polling';
import { useTRPC } from '../data/trpc';
import { ApplyPanel } from './apply-panel';
import { PersistPanel } from './persist-panel';
import { errorText } from './error-text';
import { HostCanvas } from './host-canvas';
import { InterruptedBanner } from './interrupted-banner';
import { adoptable, boxMarks } from './host-marks';
import { keepUnchangedRead } from './host-read';
import { RateChart } from './rate-chart';
import { StreamBar } from './stream-bar';
import { TopTalkers } from './top-talkers';
import { TrafficContext, useTraffic } from './traffic-context';
import { createTrafficStore } from './traffic-store';
import { useCounterStream } from './use-counter-stream';

const STATUS_TEXT: Record<Difference['status'], string> = {
  'only-host': 'only on the host',
  'only-design': 'only in the design',
  differs: 'differs',
};

function Differences({ differences }: { differences: Difference[] }) {
  if (differences.length === 0)
    return (
      <p className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="no-differences">
        The host matches the design.
      </p>
    );
  return (
    <ul className="max-h-56 space-y-1 overflow-auto text-sm" data-testid="differences">
      {differences.map((d) => (
        <li key={`${d.status}:${d.subject}`}>
          <span
            className={`mr-1 rounded px-1 text-[10px] font-bold uppercase text-white ${d.status === 'only-host' ? 'bg-red-600' : d.status === 'only-design' ? 'bg-emerald-600' : 'bg-amber-500'}`}>
            {STATUS_TEXT[d.status]}
          </span>
          <span className="font-mono text-xs">{d.subject}</span>
          {d.details.map((detail) => (
            <div key={detail} className="pl-2 text-xs text-slate-500">
              {detail}
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}

function SelectedInterface() {
  const selected = useTraffic((s) => s.selected);
  if (!selected)
    return <p className="text-sm text-slate-500">Select a cable to chart its traffic; hover one for a sparkline.</p>;
  return (
    <div className="space-y-1">
      <p className="font-mono text-sm font-semibold" data-testid="selected-interface">
        {selected}
      </p>
      <RateChart meter={selected} />
    </div>
  );
}

/** One host: its live drawing, how it compares with a design, and plan → apply → confirm. */
export function HostView({ hostId }: { hostId: string }) {
  const traffic = useMemo(() => createTrafficStore(), []);
  useCounterStream(hostId, traffic);
  useWarmLayout();
  const trpc = useTRPC();
  const [designId, setDesignId] = useState<string | null>(null);
  const read = useQuery(
    trpc.hosts.state.queryOptions(
      { id: hostId },
      {
        // An unconfirmed apply reverts at its deadline: the next read comes just after it.
        refetchInterval: (query) => hostStateRefetchIn(query.state.data?.awaitingConfirmation?.deadline, Date.now()),
        structuralSharing: keepUnchangedRead,
      },
    ),
  );
  const designs = useQuery(trpc.designs.list.queryOptions()).data ?? [];
  const opened = useQuery(trpc.designs.open.queryOptions(designId ? { id: designId } : skipToken));
  const state = read.data ?? null;
  const error = read.error ? errorText(read.error) : null;
  const design = designId ? (opened.data?.topology ?? null) : null;

  const topology = state?.topology;
  const differences = useMemo(
    () => (topology && design ? compareTopologies(topology, design) : []),
    [topology, design],
  );
  // With a design chosen, what only the design has is drawn too, as ghosts, where it would go.
  const drawn = useMemo(
    () =>
      topology && design ? overlayDesign(topology, design) : topology ? { topology, ghosts: new Set<string>() } : null,
    [topology, design],
  );
  const owned = state?.owned;
  const marks = useMemo(
    () => (drawn && owned ? boxMarks(toGraph(drawn.topology), owned, differences, drawn.ghosts) : new Map()),
    [drawn, owned, differences],
  );
  // What the host no longer has (a revert removed it) keeps no numbers: no traffic on its cable.
  useEffect(() => {
    if (topology) traffic.retain(new Set(counterKeys(topology).values()));
  }, [traffic, topology]);
  const foreign = useMemo(() => (topology && owned ? adoptable(topology, owned) : []), [topology, owned]);

  return (
    <TrafficContext.Provider value={traffic}>
      <div className="flex min-h-0 flex-1 flex-col">
        <StreamBar host={state?.host ?? null} osrelease={state?.osrelease ?? null} />
        <div className="flex min-h-0 flex-1">
          <main className="relative min-w-0 flex-1">
            {/* The agent's answer is checked on the server; when it fails (offline, or not a Patchbay
                agent) the message is all there is to show. */}
            {error && !state && (
              <p className="p-6 text-sm text-red-700 dark:text-red-300" role="alert" data-testid="host-error">
                {error}
              </p>
            )}
            {!error && !state && (
              <p className="p-6 text-sm text-slate-500" role="status">
                Reading the host from its agent…
              </p>
            )}
            {topology && (
              <ReactFlowProvider>
                <HostCanvas topology={drawn?.topology ?? topology} marks={marks} ghosts={drawn?.ghosts} />
              </ReactFlowProvider>
            )}
          </main>
          <aside className="w-96 shrink-0 space-y-6 overflow-auto border-l border-slate-200 p-4 dark:border-slate-700">
            {state && (
              <InterruptedBanner
                hostId={hostId}
                interrupted={state.interruptedApply}
                lastRecovery={state.lastRecovery}
              />
            )}
            {error && state && (
              <p className="text-sm text-red-700 dark:text-red-300" role="alert">
                {error}
              </p>
            )}
            <OpenHostAsDesign hostId={hostId} />
            {topology ? (
              <Section title="Exposed">
                <HostExposed topology={topology} />
              </Section>
            ) : null}
            <Section title="Compare with a design">
              <select
                className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
                value={designId ?? ''}
                onChange={(e) => setDesignId(e.target.value || null)}
                data-testid="design-select">
                <option value="">Choose a saved design…</option>
                {designs.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} (v{d.latestVersion})
                  </option>
                ))}
              </select>
              {design && <Differences differences={differences} />}
            </Section>
            <Section title="Plan and apply">
              <ApplyPanel
                hostId={hostId}
                designId={designId}
                foreign={foreign}
                awaiting={state?.awaitingConfirmation ?? null}
                lastRecovery={state?.lastRecovery ?? null}
              />
            </Section>
            <Section title="Persist: keep it after a reboot">
              <PersistPanel hostId={hostId} designId={designId} />
            </Section>
            <Section title="Traffic">
              <SelectedInterface />
            </Section>
            <Section title="Top talkers per bridge">{topology ? <TopTalkers topology={topology} /> : null}</Section>
            {state && state.notes.length > 0 && (
              <Section title="Discovery notes">
                <ul className="list-disc pl-5 text-xs text-slate-500">
                  {state.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </Section>
            )}
          </aside>
        </div>
      </div>
    </TrafficContext.Provider>
  );
}
