import type { Topology } from '../topology/schema';
import { Auditor, REACHES, VERDICTS, type FamilyVerdict } from './audit';
import type { PatchbayAnchors } from './effective-pf';
import { auditMatrix, NO_IPV6, SELF, type AuditMatrix, type MatrixProgress } from './matrix';

// The differential audit: which pairs a change makes reachable or unreachable, in IPv4 and in IPv6
// apart (a jail kept off the LAN in IPv4 may reach it in IPv6). Pairs are matched by what a user
// calls them (jail names, LAN, internet, host), because a design and the host it is applied to give
// the same jail different ids. In IPv6, "no IPv6 here" and a pair that does not exist are the same
// thing: nothing to ask, so a pair without IPv6 on either side never shows as an IPv6 change, and a
// jail added or removed without IPv6 is said once, in IPv4.

export interface AuditChange {
  source: string;
  destination: string;
  /** The family whose verdict changed: a pair changed in both families is two changes. */
  family: 4 | 6;
  /**
   * 'absent' when the pair does not exist on that side (a jail the change adds or removes);
   * 'no-ipv6' (family 6) when it exists but one end has no IPv6.
   */
  before: FamilyVerdict | 'absent';
  after: FamilyVerdict | 'absent';
  /** gained: now reaches; lost: no longer reaches; changed: still reaches (or not) but differently. */
  kind: 'gained' | 'lost' | 'changed';
}

interface Labelled {
  rows: string[];
  columns: string[];
  cells: Uint8Array;
  cells6: Uint8Array | undefined;
}

function labels(auditor: Auditor, matrix: AuditMatrix): Labelled {
  const name = (id: string) => auditor.net.stackById.get(id)?.label ?? id;
  const columns = matrix.destinations.map((d) =>
    d.kind === 'stack' ? name(d.id) : d.kind === 'lan' ? 'LAN' : d.kind === 'internet' ? 'internet' : 'host',
  );
  return { rows: matrix.sources.map(name), columns, cells: matrix.cells, cells6: matrix.cells6 };
}

/** One pair's IPv4 cell code on one side; SELF when the side has no such pair (index -1) or on the diagonal. */
function code4(side: Labelled, r: number, c: number): number {
  return r < 0 || c < 0 ? SELF : side.cells[r * side.columns.length + c]!;
}

/** The same in IPv6: a side without an IPv6 half has "no IPv6 here" for every pair it has. */
function code6(side: Labelled, r: number, c: number): number {
  if (r < 0 || c < 0) return SELF;
  const at = r * side.columns.length + c;
  return side.cells6 ? side.cells6[at]! : side.cells[at] === SELF ? SELF : NO_IPV6;
}

/** IPv6 codes that say the same: "no IPv6 here" and no pair at all both leave nothing to ask. */
function sameIn6(before: number, after: number): boolean {
  return (before === NO_IPV6 ? SELF : before) === (after === NO_IPV6 ? SELF : after);
}

/** A pair by its names with both sides' codes: [IPv4 before, IPv4 after, IPv6 before, IPv6 after]. */
type PairCodes = [source: string, destination: string, codes: [number, number, number, number]];

function differs([b, a, b6, a6]: PairCodes[2]): boolean {
  return a !== b || !sameIn6(b6, a6);
}

/** Every pair by its name, in row-major order; a later pair with the same names hides an earlier one. */
function byName(side: Labelled): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  side.rows.forEach((row, r) => {
    side.columns.forEach((column, c) => {
      const code = code4(side, r, c);
      if (code !== SELF) out.set(JSON.stringify([row, column]), [code, code6(side, r, c)]);
    });
  });
  return out;
}

/** No two rows and no two columns share a name, so each pair of names is one cell. */
function distinct(side: Labelled): boolean {
  return new Set(side.rows).size === side.rows.length && new Set(side.columns).size === side.columns.length;
}

/**
 * Both sides' pairs that differ in either family, as byName's keys would list them (the first
 * side's, then the second's new ones); the cells are read by index, as a 200-jail matrix has
 * 40,000 pairs and naming each one took most of a re-audit.
 */
function pairsOf(was: Labelled, now: Labelled): PairCodes[] {
  const out: PairCodes[] = [];
  const into = (names: string[], other: string[]) => {
    const at = new Map(other.map((n, i) => [n, i]));
    return names.map((n) => at.get(n) ?? -1);
  };
  // Plain loops, and a tuple only for a pair that differs: a 1,000-jail matrix has a million pairs per family.
  const [rows, columns] = [into(was.rows, now.rows), into(was.columns, now.columns)];
  for (let r = 0; r < was.rows.length; r++) {
    for (let c = 0; c < was.columns.length; c++) {
      const b = code4(was, r, c);
      if (b === SELF) continue;
      const nr = rows[r]!;
      const nc = columns[c]!;
      const a = code4(now, nr, nc);
      const b6 = code6(was, r, c);
      const a6 = code6(now, nr, nc);
      if (a !== b || !sameIn6(b6, a6)) out.push([was.rows[r]!, was.columns[c]!, [b, a, b6, a6]]);
    }
  }
  // Then the pairs only the second side has.
  const [back, backColumns] = [into(now.rows, was.rows), into(now.columns, was.columns)];
  for (let r = 0; r < now.rows.length; r++) {
    for (let c = 0; c < now.columns.length; c++) {
      const a = code4(now, r, c);
      if (a === SELF || code4(was, back[r]!, backColumns[c]!) !== SELF) continue;
      out.push([now.rows[r]!, now.columns[c]!, [SELF, a, SELF, code6(now, r, c)]]);
    }
  }
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

/** `progress` hears of each row of the matrix as it is filled (the CLI's bar on a terminal). */
export function audited(side: AuditSide, progress?: MatrixProgress): Audited {
  const auditor = new Auditor(side.topology, side.patchbay);
  return { auditor, matrix: auditMatrix(auditor, undefined, progress) };
}

/** The same by naming every pair, for sides where names repeat (the later pair hides the earlier). */
function changedByName(before: Labelled, after: Labelled): PairCodes[] {
  const [was, now] = [byName(before), byName(after)];
  const out: PairCodes[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const [b, b6] = was.get(key) ?? [SELF, SELF];
    const [a, a6] = now.get(key) ?? [SELF, SELF];
    const [source, destination] = JSON.parse(key) as [string, string];
    const codes: PairCodes[2] = [b, a, b6, a6];
    if (differs(codes)) out.push([source, destination, codes]);
  }
  return out;
}

/** A cell code as the change names it. */
function verdictOf(code: number): FamilyVerdict | 'absent' {
  return code === SELF ? 'absent' : code === NO_IPV6 ? 'no-ipv6' : VERDICTS[code]!;
}

function change(source: string, destination: string, family: 4 | 6, b: number, a: number): AuditChange {
  const [before, after] = [verdictOf(b), verdictOf(a)];
  const kind =
    REACHES.has(after) && !REACHES.has(before)
      ? 'gained'
      : REACHES.has(before) && !REACHES.has(after)
        ? 'lost'
        : 'changed';
  return { source, destination, family, before, after, kind };
}

/**
 * Sides are audited first (audited()), so a caller that has the matrix does not build it again.
 * Gained first, then lost, then changed; by names, IPv4 before IPv6.
 */
export function diffAudited(before: Audited, after: Audited): AuditChange[] {
  const [was, now] = [labels(before.auditor, before.matrix), labels(after.auditor, after.matrix)];
  const changes: AuditChange[] = [];
  for (const [source, destination, [b, a, b6, a6]] of distinct(was) && distinct(now)
    ? pairsOf(was, now)
    : changedByName(was, now)) {
    if (a !== b) changes.push(change(source, destination, 4, b, a));
    if (!sameIn6(b6, a6)) changes.push(change(source, destination, 6, b6, a6));
  }
  const order = { gained: 0, lost: 1, changed: 2 };
  return changes.sort(
    (x, y) =>
      order[x.kind] - order[y.kind] ||
      x.source.localeCompare(y.source) ||
      x.destination.localeCompare(y.destination) ||
      x.family - y.family,
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
