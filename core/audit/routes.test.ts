import { describe, expect, it } from 'vitest';
import { formatAddr, parseAddr } from '../net/addr';
import { dualStackAuditDesign } from '../testing/audit-design-ipv6';
import type { JailStack } from '../topology/schema';
import { Auditor } from './audit';
import { auditMatrix } from './matrix';
import { buildNetwork } from './network';
import { lookupRoute, setRoutes } from './routes';
import { AuditSession } from './session';

// An edit that gives a stack new routes must never meet an answer about the old ones (a memo of
// lookups was tried and measured slower; these tests stay for any cache that comes later).

const address = (text: string) => parseAddr(text)!.address;

describe('lookupRoute after the routes change', () => {
  it('answers from the new routes, in both families', () => {
    const topology = dualStackAuditDesign(3, 2);
    const net = buildNetwork(topology);
    const jail = net.stackById.get('j1_0')!;
    const far4 = address('10.0.2.3');
    const far6 = address('2001:db8:1:3::3');
    expect(formatAddr(lookupRoute(jail, far4)!.gateway!)).toBe('10.0.1.1');
    expect(formatAddr(lookupRoute(jail, far6)!.gateway!)).toBe('2001:db8:1:2::1');
    const edited = structuredClone(topology.stacks.find((s) => s.id === 'j1_0')!) as JailStack;
    edited.defaultGateway = { ipv4: '10.0.1.9', ipv6: '2001:db8:1:2::9' };
    setRoutes(jail, edited);
    expect(formatAddr(lookupRoute(jail, far4)!.gateway!)).toBe('10.0.1.9');
    expect(formatAddr(lookupRoute(jail, far6)!.gateway!)).toBe('2001:db8:1:2::9');
    edited.defaultGateway = {};
    setRoutes(jail, edited);
    expect(lookupRoute(jail, far4)).toBeUndefined();
    expect(lookupRoute(jail, far6)).toBeUndefined();
  });

  it("a re-audit that changes a jail's gateway gives the matrix a fresh audit gives", () => {
    const topology = dualStackAuditDesign(4, 3);
    const session = new AuditSession(topology);
    const edited = structuredClone(topology.stacks.find((s) => s.id === 'j2_1')!) as JailStack;
    // On its link, but nobody answers there: the jail reaches nothing beyond its bridge.
    edited.defaultGateway = { ipv4: '10.0.2.99', ipv6: '2001:db8:1:3::99' };
    const before = Array.from(session.matrix.cells);
    expect(session.updateJail(edited)).toBe(true);
    const fresh = auditMatrix(
      new Auditor({ ...topology, stacks: topology.stacks.map((s) => (s.id === edited.id ? edited : s)) }),
    );
    expect(Array.from(session.matrix.cells)).toEqual(Array.from(fresh.cells));
    expect(Array.from(session.matrix.cells6!)).toEqual(Array.from(fresh.cells6!));
    // The edit did change verdicts: the memo had answers about the old gateway to give.
    expect(Array.from(session.matrix.cells)).not.toEqual(before);
  });
});
