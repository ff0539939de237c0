'use client';

import { useMemo, useState } from 'react';
import { segmentsOf } from '../../core/editor/host-as-design';
import type { HostStack, Topology } from '../../core/topology/schema';
import { AuditProvider, useAuditContext } from './audit-context';
import { ExplanationView } from './explanation-view';
import { ExposedView } from './exposed-view';

// The Exposed view where no audit panel is: on a host's page, audited as the host runs (its own
// rules and Patchbay's anchors as read), with the explanation of the entry chosen.

function lanNamesOf(topology: Pick<Topology, 'segments'>): Map<string, string> {
  return new Map(topology.segments.flatMap((s) => (s.kind === 'lan' ? [[s.id, s.name] as const] : [])));
}

function HostExposedBody({ topology }: { topology: Topology }) {
  const audit = useAuditContext();
  const [error, setError] = useState<string | null>(null);
  if (!audit) return null;
  if (!audit.report)
    return (
      <p className="text-xs text-slate-500" role="status">
        {audit.error ? `Audit failed: ${audit.error}` : 'Auditing…'}
      </p>
    );
  return (
    <div className="space-y-2">
      <ExposedView
        heading={false}
        exposed={audit.report.exposed}
        lanNames={lanNamesOf(topology)}
        explain={audit.explain}
        onAnswer={(title, explanation) => {
          setError(null);
          audit.show({ title, explanation });
        }}
        onError={setError}
      />
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {audit.shown ? <ExplanationView title={audit.shown.title} explanation={audit.shown.explanation} /> : null}
    </div>
  );
}

/**
 * A host as read knows no LAN: the Exposed view asks from the LAN its default route leaves through,
 * and the internet behind it, as "Open as design" would draw them (host-as-design.ts segmentsOf).
 */
function withOutside(topology: Topology): Topology {
  const host = topology.stacks.find((s): s is HostStack => s.kind === 'host');
  if (topology.segments.length || !host) return topology;
  return { ...topology, segments: segmentsOf(host) };
}

/** The host's Exposed view: what the LAN and the internet reach on its jails, and through which rules. */
export function HostExposed({ topology }: { topology: Topology }) {
  const audited = useMemo(() => withOutside(topology), [topology]);
  return (
    <AuditProvider topology={audited} patchbay="as-read">
      <HostExposedBody topology={audited} />
    </AuditProvider>
  );
}

export { lanNamesOf };
