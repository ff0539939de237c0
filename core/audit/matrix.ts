import type { Rule } from '../pf/ruleset';
import { AddressClasses } from './address-classes';
import { hasIpv6 } from './families';
import { Auditor, VERDICTS, type Destination, type FamilyVerdict, type Source, type Verdict } from './audit';
import type { Targets } from './targets';
import type { Place } from './walk';
import type { AuditInterface, AuditNetwork, AuditStack } from './network';

// The full matrix: every jail to the LAN, the internet, the host and every other jail. Jails that
// look alike to every rule, route and bridge (same bridge, same kind of addresses, same routes, no
// pf of their own that differs) get the same verdicts, so the matrix computes one verdict per pair
// of look-alike groups and copies it to every member. audit.property.test.ts checks this against
// asking every pair one by one.

export const FIXED_DESTINATIONS: readonly Destination[] = [{ kind: 'lan' }, { kind: 'internet' }, { kind: 'host' }];

export interface AuditMatrix {
  /** Jail stack ids, one row each. */
  sources: string[];
  /** LAN, internet, host, then every jail in `sources` order. */
  destinations: Destination[];
  /**
   * Index into VERDICTS per cell, row-major; 255 on the diagonal (a jail and itself). Only verdicts:
   * an explanation names the pair's own interfaces, so it is asked for per cell (Auditor.pair).
   */
  cells: Uint8Array;
  /**
   * The IPv6 verdicts, laid out as `cells`, when the design has any IPv6 (an address beyond
   * link-local, or a LAN with an IPv6 prefix); NO_IPV6 where one side has none.
   */
  cells6?: Uint8Array;
}

export const SELF = 255;
/** An IPv6 cell where one side has no IPv6 address: nothing to ask, which is not a no-route. */
export const NO_IPV6 = 254;

/** A family verdict as a cell code. */
export function verdictCode(verdict: FamilyVerdict): number {
  return verdict === 'no-ipv6' ? NO_IPV6 : VERDICTS.indexOf(verdict);
}

/** The matrix's cell arrays with their family: IPv4 always, IPv6 when present. */
export function matrixFamilies(matrix: AuditMatrix): [Uint8Array, 4 | 6][] {
  return matrix.cells6
    ? [
        [matrix.cells, 4],
        [matrix.cells6, 6],
      ]
    : [[matrix.cells, 4]];
}

function onNames(rules: readonly Rule[], into: Set<string>): void {
  for (const rule of rules) {
    for (const name of rule.on?.names ?? []) into.add(name);
    // `received-on epair0a` tells the jail behind epair0a apart as much as `on epair0a` does.
    if ('receivedOn' in rule) for (const name of rule.receivedOn?.names ?? []) into.add(name);
    if (rule.kind === 'anchor' && rule.body) onNames(rule.body, into);
  }
}

/** Groups jails that no rule, route or bridge tells apart. */
export function lookAlikeGroups(net: AuditNetwork, classes = new AddressClasses(net)): Map<AuditStack, number> {
  const named = new Set<string>();
  for (const stack of net.stacks) {
    if (!stack.pf) continue;
    onNames([...stack.pf.ruleset.filter, ...stack.pf.ruleset.translation], named);
    stack.pf.ruleset.skip.forEach((n) => named.add(n));
  }
  const ifaceClass = (iface: AuditInterface | undefined): string => {
    if (!iface) return '-';
    const groups = iface.stack.pf?.ctx.interfaces.get(iface.name)?.groups ?? [];
    const names = [iface.name, ...groups].filter((n) => named.has(n));
    return `${iface.kind}${iface.up ? '' : ':down'}:${names.join('+')}`;
  };
  // What lies at the far end of an interface: the bridge it joins, or the stack of a plain epair peer.
  const attachment = (iface: AuditInterface): string => {
    const peer = iface.peer;
    if (!peer) return iface.lan ? `lan:${iface.lan.id}` : 'none';
    return `${ifaceClass(peer)}@${peer.bridge ? `bridge:${peer.bridge.id}` : `stack:${peer.stack.id}:${peer.addresses.map((a) => `${a.address}/${a.bits}`).join(',')}`}`;
  };
  const groups = new Map<string, number>();
  const result = new Map<AuditStack, number>();
  for (const stack of net.stacks) {
    if (stack.kind !== 'jail') continue;
    const parts = [
      // A shared-IP jail shares its parent's interfaces and routes: only its own addresses tell it apart.
      stack.shares ? `shared:${stack.id}` : '',
      stack.pf ? `own-pf:${stack.id}` : 'no-pf',
      stack.forwarding ? 'fwd' : '',
      stack.routes
        .map(
          (r) => `${r.kind}:${r.net}/${r.bits}>${r.gateway ?? ''}@${r.iface ? stack.interfaces.indexOf(r.iface) : ''}`,
        )
        .join(';'),
      ...stack.interfaces
        .filter((i) => i.kind !== 'loopback')
        .map(
          (i) =>
            `${ifaceClass(i)}|${i.addresses.map((a) => `${classes.classOf(a.address)}/${a.bits}`).join(',')}|${attachment(i)}${i.bridge ? `|in:${i.bridge.id}` : ''}`,
        ),
    ];
    const key = parts.join('#');
    let id = groups.get(key);
    if (id === undefined) {
      id = groups.size;
      groups.set(key, id);
    }
    result.set(stack, id);
  }
  return result;
}

/** Group id → its jails, in stack order. */
export function groupMembers(groupOf: ReadonlyMap<AuditStack, number>): Map<number, AuditStack[]> {
  const members = new Map<number, AuditStack[]>();
  for (const [jail, group] of groupOf) {
    const list = members.get(group);
    if (list) list.push(jail);
    else members.set(group, [jail]);
  }
  return members;
}

/** `groupOf`: the look-alike groups, when the caller already has them. */
/** Rows of the matrix filled so far, of all it fills (one per jail and family): what a progress bar shows. */
export type MatrixProgress = (rowsDone: number, rowsTotal: number) => void;

export function auditMatrix(
  auditor: Auditor,
  groupOf = lookAlikeGroups(auditor.net),
  progress?: MatrixProgress,
): AuditMatrix {
  const net = auditor.net;
  const jails = net.stacks.filter((s) => s.kind === 'jail');
  const destinations: Destination[] = [
    ...FIXED_DESTINATIONS,
    ...jails.map((j) => ({ kind: 'stack' as const, id: j.id })),
  ];
  // IPv6 is asked independently of IPv4 (its own addresses, routes and rules), only where there is some.
  const six = hasIpv6(net);
  const total = jails.length * (six ? 2 : 1);
  const cells = familyCells(auditor, jails, groupOf, destinations.length, 4, progress && ((r) => progress(r, total)));
  const cells6 = six
    ? familyCells(
        auditor,
        jails,
        groupOf,
        destinations.length,
        6,
        progress && ((r) => progress(jails.length + r, total)),
      )
    : undefined;
  return { sources: jails.map((j) => j.id), destinations, cells, ...(cells6 ? { cells6 } : {}) };
}

function familyCells(
  auditor: Auditor,
  jails: AuditStack[],
  groupOf: ReadonlyMap<AuditStack, number>,
  width: number,
  family: 4 | 6,
  rowsDone?: (rows: number) => void,
): Uint8Array {
  // Groups by dense index (a caller's ids need not be 0..n-1), and plain arrays, not maps: the
  // inner loop runs once per cell (a million per family); with a Map lookup per cell this function's
  // own time was 453 ms of the dual-stack matrix's 5.0 s (three rounds profiled), 119 ms without.
  const members = [...groupMembers(groupOf).values()];
  const dense = new Map<number, number>();
  for (const [index, list] of members.entries()) dense.set(groupOf.get(list[0]!)!, index);
  const groupOfRow = Int32Array.from(jails, (j) => dense.get(groupOf.get(j)!)!);
  const groupCount = members.length;
  const cells = new Uint8Array(jails.length * width);
  /** -1: not asked yet. */
  const between = new Int16Array(groupCount * groupCount).fill(-1);
  // Each row's source and each column's targets, worked out once instead of once per cell.
  const columns = new Map<AuditStack, { destination: Destination; targets: Targets }>();
  const column = (jail: AuditStack) => {
    let known = columns.get(jail);
    if (!known) {
      const destination: Destination = { kind: 'stack', id: jail.id };
      known = { destination, targets: auditor.targets(destination, family) };
      columns.set(jail, known);
    }
    return known;
  };
  const fixedTargets = FIXED_DESTINATIONS.map((d) => auditor.targets(d, family));
  let rowOf: AuditStack | undefined;
  let rowSource: Source = { kind: 'stack', id: '' };
  let rowPlace: Place = { kind: 'stack', stack: jails[0]! };
  let rowSends6 = false;
  const code = (from: AuditStack, destination: Destination, targets: Targets) => {
    if (from !== rowOf) {
      rowOf = from;
      rowSource = { kind: 'stack', id: from.id };
      rowPlace = auditor.place(rowSource)!;
      rowSends6 = family === 4 || auditor.sendsIn(rowPlace, 6);
    }
    return verdictCode(auditor.familyVerdictTo(rowSource, rowPlace, destination, targets, family, rowSends6));
  };
  const firstColumn = FIXED_DESTINATIONS.length;
  /** The first row filled for each group: the group's other rows are copies of it. */
  const firstRowOf = new Int32Array(groupCount).fill(-1);
  for (let row = 0; row < jails.length; row++) {
    const group = groupOfRow[row]!;
    const start = row * width;
    const copyOf = firstRowOf[group]!;
    if (copyOf >= 0) {
      // Every cell of a row is its group's verdict towards the column's group (a jail's own cell
      // aside), so a look-alike's row is the group's first row with the two diagonal cells swapped:
      // copied, a million cells per family cost a tenth of what the loop below does.
      cells.copyWithin(start, copyOf * width, copyOf * width + width);
      cells[start + firstColumn + copyOf] = between[group * groupCount + group]!;
      cells[start + firstColumn + row] = SELF;
      rowsDone?.(row + 1);
      continue;
    }
    firstRowOf[group] = row;
    const representative = members[group]![0]!;
    cells.set(
      FIXED_DESTINATIONS.map((d, i) => code(representative, d, fixedTargets[i]!)),
      start,
    );
    for (let k = 0; k < jails.length; k++) {
      const at = start + firstColumn + k;
      if (k === row) {
        cells[at] = SELF;
        continue;
      }
      const otherGroup = groupOfRow[k]!;
      const key = group * groupCount + otherGroup;
      let cell = between[key]!;
      if (cell < 0) {
        const target = members[otherGroup]!.find((m) => m !== representative)!;
        const { destination, targets } = column(target);
        cell = code(representative, destination, targets);
        between[key] = cell;
      }
      cells[at] = cell;
    }
    rowsDone?.(row + 1);
  }
  return cells;
}

export function cellVerdict(matrix: AuditMatrix, row: number, col: number): Verdict | 'self' {
  return verdictOfCode(matrix.cells[row * matrix.destinations.length + col]!);
}

/** One IPv4 cell's code (an index into VERDICTS, or SELF) as a verdict. */
export function verdictOfCode(code: number): Verdict | 'self' {
  return code === SELF ? 'self' : VERDICTS[code]!;
}

/** One cell's code of either family (NO_IPV6 included) as a verdict. */
export function familyVerdictOfCode(code: number): FamilyVerdict | 'self' {
  return code === NO_IPV6 ? 'no-ipv6' : verdictOfCode(code);
}
