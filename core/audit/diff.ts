import type { Topology } from '../topology/schema';
import { Auditor, REACHES, VERDICTS, type Verdict } from './audit';
import type { PatchbayAnchors } from './effective-pf';
import { auditMatrix, SELF, type AuditMatrix } from './matrix';

// The differential audit: which pairs a change makes reachable or unreachable. Pairs are matched by
// what a user calls them (jail names, LAN, internet, host), because a design and the host it is
// applied to give the same jail different ids.

export interface AuditChange {
  source: string;
  destination: string;
  /** 'absent' when the pair does not exist on that side (a jail the change adds or removes). */
  before: Verdict | 'absent';
  after: Verdict | 'absent';
  /** gained: now reaches; lost: no longer reaches; changed: still reaches (or not) but differently. */
  kind: 'gained' | 'lost' | 'changed';
}


function labelled(auditor: Auditor, matrix: AuditMatrix): Map<string, Verdict> {
  const name = (id: string) => auditor.net.stackById.get(id)?.label ?? id;
  const columns = matrix.destinations.map((d) => (d.kind === 'stack' ? name(d.id) : d.kind === 'lan' ? 'LAN' : d.kind === 'internet' ? 'internet' : 'host'));
  const out = new Map<string, Verdict>();
  matrix.sources.forEach((source, row) => {
    columns.forEach((column, col) => {
      const code = matrix.cells[row * columns.length + col]!;
      if (code !== SELF) out.set(`${name(source)}\u0000${column}`, VERDICTS[code]!);
    });
  });
  return out;
}

export interface AuditSide {
  topology: Topology;
  patchbay: PatchbayAnchors;
}

export interface Audited {
  auditor: Auditor;
  matrix: AuditMatrix;
}

export function audited(side: AuditSide): Audited {
  const auditor = new Auditor(side.topology, side.patchbay);
  return { auditor, matrix: auditMatrix(auditor) };
}

/** Sides are audited first (audited()), so a caller that has the matrix does not build it again. */
export function diffAudited(before: Audited, after: Audited): AuditChange[] {
  const was = labelled(before.auditor, before.matrix);
  const now = labelled(after.auditor, after.matrix);
  const changes: AuditChange[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(key) ?? 'absent';
    const a = now.get(key) ?? 'absent';
    if (a === b) continue;
    const [source = '', destination = ''] = key.split('\u0000');
    const kind = REACHES.has(a) && !REACHES.has(b) ? 'gained' : REACHES.has(b) && !REACHES.has(a) ? 'lost' : 'changed';
    changes.push({ source, destination, before: b, after: a, kind });
  }
  const order = { gained: 0, lost: 1, changed: 2 };
  return changes.sort((x, y) => order[x.kind] - order[y.kind] || x.source.localeCompare(y.source) || x.destination.localeCompare(y.destination));
}

/**
 * The design as it will run on a host: pf rulesets and bridge sysctls come from the host as read
 * (Patchbay never rewrites the admin's pf.conf), matched by jail name; Patchbay's own anchors come
 * from the design.
 */
export function withHostFilters(design: Topology, host: Topology): Topology {
  const read = new Map(host.stacks.map((s) => [s.kind === 'host' ? '' : s.name, s]));
  return {
    ...design,
    stacks: design.stacks.map((stack) => {
      const found = read.get(stack.kind === 'host' ? '' : stack.name);
      if (!found) return stack;
      return { ...stack, ...(found.pf ? { pf: found.pf } : {}), ...(found.bridgeFilter ? { bridgeFilter: found.bridgeFilter } : {}) };
    }),
  };
}
