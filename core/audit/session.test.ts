import { describe, expect, it } from 'vitest';
import { auditDesign } from '../testing/audit-design';
import type { JailStack, Topology } from '../topology/schema';
import { Auditor } from './audit';
import { auditMatrix } from './matrix';
import { AuditSession } from './session';

function edited(t: Topology, id: string, change: (jail: JailStack) => void): { topology: Topology; jail: JailStack } {
  const topology = structuredClone(t);
  const jail = topology.stacks.find((s) => s.id === id) as JailStack;
  change(jail);
  return { topology, jail };
}

describe('AuditSession.updateJail', () => {
  it('gives the same matrix as auditing the edited network from scratch', () => {
    const start = auditDesign(6, 4);
    const session = new AuditSession(start);
    // Readdress j3_0 (the one some rules name), then take j1_2's interface down, one edit at a time.
    const first = edited(start, 'j3_0', (j) => void (j.interfaces[0]!.addresses = ['10.0.3.9/24']));
    expect(session.updateJail(first.jail)).toBe(true);
    expect([...session.matrix.cells]).toEqual([...auditMatrix(new Auditor(first.topology)).cells]);
    const second = edited(first.topology, 'j1_2', (j) => void (j.interfaces[0]!.up = false));
    expect(session.updateJail(second.jail)).toBe(true);
    expect([...session.matrix.cells]).toEqual([...auditMatrix(new Auditor(second.topology)).cells]);
  });

  it('asks for a full audit when the edit brings a prefix the grouping does not know', () => {
    const start = auditDesign(3, 3);
    const session = new AuditSession(start);
    const moved = edited(start, 'j0_1', (j) => void (j.interfaces[0]!.addresses = ['10.0.0.9/28']));
    expect(session.updateJail(moved.jail)).toBe(false);
  });
});
