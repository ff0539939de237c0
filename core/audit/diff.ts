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

interface Labelled {
  rows: string[];
  columns: string[];
  cells: Uint8Array;
}

function labels(auditor: Auditor, matrix: AuditMatrix): Labelled {
  const name = (id: string) => auditor.net.stackById.get(id)?.label ?? id;
  const columns = matrix.destinations.map((d) =>
    d.kind === 'stack' ? name(d.id) : d.kind === 'lan' ? 'LAN' : d.kind === 'internet' ? 'internet' : 'host',
  );
  return { rows: matrix.sources.map(name), columns, cells: matrix.cells };
}

/** Every pair by its name, in row-major order; a later pair with the same names hides an earlier one. */
function byName(side: Labelled): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  side.rows.forEach((row, r) => {
    side.columns.forEach((column, c) => {
      const code = side.cells[r * side.columns.length + c]!;
      if (code !== SELF) out.set(JSON.stringify([row, column]), VERDICTS[code]!);
    });
  });
  return out;
}

/** No two rows and no two columns share a name, so each pair of names is one cell. */
function distinct(side: Labelled): boolean {
  return new Set(side.rows).size === side.rows.length && new Set(side.columns).size === side.columns.length;
}

/**
 * Both sides' pairs, as byName's keys would list them (the first side's, then the second's new
 * ones), with each side's verdict; the cells are read by index, as a 200-jail matrix has 40,000
 * pairs and naming each one took most of a re-audit.
 */
function pairsOf(was: Labelled, now: Labelled): [string, string, Verdict | 'absent', Verdict | 'absent'][] {
  const out: [string, string, Verdict | 'absent', Verdict | 'absent'][] = [];
  const code = (side: Labelled, r: number, c: number) =>
    r < 0 || c < 0 ? SELF : side.cells[r * side.columns.length + c]!;
  const verdict = (code: number) => (code === SELF ? 'absent' : VERDICTS[code]!);
  const into = (names: string[], other: string[]) => {
    const at = new Map(other.map((n, i) => [n, i]));
    return names.map((n) => at.get(n) ?? -1);
  };
  const [rows, columns] = [into(was.rows, now.rows), into(was.columns, now.columns)];
  was.rows.forEach((row, r) =>
    was.columns.forEach((column, c) => {
      const [b, a] = [code(was, r, c), code(now, rows[r]!, columns[c]!)];
      if (b !== SELF && a !== b) out.push([row, column, verdict(b), verdict(a)]);
    }),
  );
  // Then the pairs only the second side has.
  const [back, backColumns] = [into(now.rows, was.rows), into(now.columns, was.columns)];
  now.rows.forEach((row, r) =>
    now.columns.forEach((column, c) => {
      const a = code(now, r, c);
      if (a !== SELF && code(was, back[r]!, backColumns[c]!) === SELF) out.push([row, column, 'absent', verdict(a)]);
    }),
  );
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

/** The same by naming every pair, for sides where names repeat (the later pair hides the earlier). */
function changedByName(before: Labelled, after: Labelled): [string, string, Verdict | 'absent', Verdict | 'absent'][] {
  const [was, now] = [byName(before), byName(after)];
  const out: [string, string, Verdict | 'absent', Verdict | 'absent'][] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const [b, a]: (Verdict | 'absent')[] = [was.get(key) ?? 'absent', now.get(key) ?? 'absent'];
    const [source, destination] = JSON.parse(key) as [string, string];
    if (a !== b) out.push([source, destination, b!, a!]);
  }
  return out;
}

/** Sides are audited first (audited()), so a caller that has the matrix does not build it again. */
export function diffAudited(before: Audited, after: Audited): AuditChange[] {
  const [was, now] = [labels(before.auditor, before.matrix), labels(after.auditor, after.matrix)];
  const changes: AuditChange[] = [];
  for (const [source, destination, b, a] of distinct(was) && distinct(now)
    ? pairsOf(was, now)
    : changedByName(was, now)) {
    const kind = REACHES.has(a) && !REACHES.has(b) ? 'gained' : REACHES.has(b) && !REACHES.has(a) ? 'lost' : 'changed';
    changes.push({ source, destination, before: b, after: a, kind });
  }
  const order = { gained: 0, lost: 1, changed: 2 };
  return changes.sort(
    (x, y) =>
      order[x.kind] - order[y.kind] || x.source.localeCompare(y.source) || x.destination.localeCompare(y.destination),
  );
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
      return {
        ...stack,
        ...(found.pf ? { pf: found.pf } : {}),
        ...(found.bridgeFilter ? { bridgeFilter: found.bridgeFilter } : {}),
      };
    }),
  };
}
