import { parsePrefix } from '../net/addr';
import type { Stack, Topology } from '../topology/schema';
import { AddressClasses } from './address-classes';
import { Auditor, type Destination, type Source } from './audit';
import type { PatchbayAnchors } from './effective-pf';
import {
  auditMatrix,
  FIXED_DESTINATIONS,
  groupMembers,
  lookAlikeGroups,
  matrixFamilies,
  SELF,
  verdictCode,
  type AuditMatrix,
} from './matrix';
import { replacePlainJail, type AuditStack } from './network';

// An audit kept up to date while one jail is edited: the jail is swapped in place and only its
// row and column are asked again (the rest of the network did not change, and a plain jail routes
// nobody else's traffic). Anything less simple, or an edit that adds a prefix the grouping does
// not know, falls back to a full audit, which `updateJail` reports by returning false.

export class AuditSession {
  auditor: Auditor;
  matrix: AuditMatrix;
  private classes: AddressClasses;
  private groupOf: Map<AuditStack, number>;
  private members: Map<number, AuditStack[]>;
  private nextAlone = -1;

  constructor(topology: Topology, patchbay: PatchbayAnchors = 'from-design') {
    this.auditor = new Auditor(topology, patchbay);
    this.classes = new AddressClasses(this.auditor.net);
    this.groupOf = lookAlikeGroups(this.auditor.net, this.classes);
    this.matrix = auditMatrix(this.auditor, this.groupOf);
    this.members = groupMembers(this.groupOf);
  }

  updateJail(stack: Stack): boolean {
    const net = this.auditor.net;
    // A loopback's addresses serve only its own stack (nothing beyond it routes to them), so they
    // tell no other stack apart.
    const newPrefixes = stack.interfaces.some(
      (i) =>
        i.kind !== 'loopback' &&
        i.addresses.some((text) => {
          const prefix = parsePrefix(text);
          return prefix === undefined || !this.classes.has(prefix.address, prefix.bits);
        }),
    );
    // Whether the matrix has IPv6 columns depends on the design having IPv6 at all: a jail gaining
    // or losing its IPv6 addresses is audited afresh.
    const before = net.stackById.get(stack.id);
    const had6 = before?.interfaces.some((i) => i.addresses.some((p) => typeof p.address === 'bigint')) ?? false;
    const has6 = stack.interfaces.some((i) => i.addresses.some((text) => text.includes(':')));
    if (newPrefixes || had6 !== has6 || !replacePlainJail(net, stack)) return false;
    const jail = net.stackById.get(stack.id)!;
    if (stack.kind === 'jail') jail.label = stack.name;
    // The edited jail leaves its look-alike group: its answers are asked for it alone. So does a
    // jail cabled straight to it, whose grouping key names the edited jail's addresses.
    const cabled = jail.interfaces.flatMap((i) => (i.peer && i.peer.stack.kind === 'jail' ? [i.peer.stack] : []));
    for (const one of [jail, ...cabled]) this.standAlone(one);
    const { sources } = this.matrix;
    const width = this.matrix.destinations.length;
    const row = sources.indexOf(jail.id);
    const me = { kind: 'stack' as const, id: jail.id };
    for (const [cells, family] of matrixFamilies(this.matrix)) {
      const code = (source: Source, destination: Destination) =>
        verdictCode(this.auditor.familyVerdict(source, destination, family));
      FIXED_DESTINATIONS.forEach((d, col) => void (cells[row * width + col] = code(me, d)));
      const outward = new Map<number, number>();
      const inward = new Map<number, number>();
      sources.forEach((id, k) => {
        const col = FIXED_DESTINATIONS.length + k;
        if (k === row) {
          cells[row * width + col] = SELF;
          return;
        }
        const other = net.stackById.get(id)!;
        const group = this.groupOf.get(other)!;
        const representative = this.members.get(group)![0]!;
        const them = { kind: 'stack' as const, id: representative.id };
        let there = outward.get(group);
        if (there === undefined) outward.set(group, (there = code(me, them)));
        let back = inward.get(group);
        if (back === undefined) inward.set(group, (back = code(them, me)));
        cells[row * width + col] = there;
        cells[k * width + FIXED_DESTINATIONS.length + row] = back;
      });
    }
    return true;
  }

  private standAlone(jail: AuditStack): void {
    const old = this.groupOf.get(jail)!;
    this.members.set(
      old,
      (this.members.get(old) ?? []).filter((m) => m !== jail),
    );
    const alone = this.nextAlone--;
    this.groupOf.set(jail, alone);
    this.members.set(alone, [jail]);
  }
}
