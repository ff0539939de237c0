import type { ReactNode } from 'react';
import type { Topology } from '../core/topology/schema';
import type { Problem } from '../core/validate/problem';
import { AuditProvider } from './audit/audit-context';
import { TopologyCanvas } from './canvas/topology-canvas';
import { AuditedIntents, ReadOnlyAudit } from './design-audit';
import { DesignCounts } from './design-counts';
import { Legend } from './legend';
import { ProblemList } from './problem-list';
import { Section } from './section';

/**
 * A design: the drawing, beside it what it holds and whether it is valid, and its audit; `actions` go under its name.
 */
export function DesignView({
  topology,
  problems,
  actions,
}: {
  topology: Topology;
  problems: Problem[];
  actions?: ReactNode;
}) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <AuditProvider topology={topology}>
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-80 shrink-0 flex-col gap-6 overflow-y-auto border-r border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 p-5">
          <div>
            <p className="text-xs font-medium uppercase tracking-wider text-slate-500">Design</p>
            <h1 className="mt-0.5 text-xl font-semibold text-slate-900 dark:text-slate-100">{topology.name}</h1>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Target FreeBSD {topology.target.freebsd} ·{' '}
              {errors === 0 ? 'ready to plan' : `${errors} error${errors === 1 ? '' : 's'} to fix`}
            </p>
            {actions && <div className="mt-3">{actions}</div>}
          </div>
          <Section title="Contents">
            <DesignCounts topology={topology} />
          </Section>
          <Section title={`Validation (${problems.length})`}>
            <ProblemList problems={problems} />
          </Section>
          <Section title="Legend">
            <Legend />
          </Section>
        </aside>
        <main className="relative min-w-0 flex-1 bg-white dark:bg-slate-900" aria-label="Topology drawing">
          <TopologyCanvas topology={topology} />
        </main>
        <aside
          className="flex w-96 shrink-0 flex-col gap-6 overflow-y-auto border-l border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 p-5"
          aria-label="Audit">
          <Section title={`Intents (${topology.intents.length})`}>
            <AuditedIntents topology={topology} />
          </Section>
          <Section title="Audit: who reaches what">
            <ReadOnlyAudit topology={topology} />
          </Section>
        </aside>
      </div>
    </AuditProvider>
  );
}
