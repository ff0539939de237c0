import { describe, expect, it } from 'vitest';
import { addJail } from '../editor/actions';
import { emptyDesign } from '../editor/empty';
import type { Topology } from '../topology/schema';
import { Auditor } from './audit';
import { auditReport } from './report';
import { ReportSession } from './report-session';

// Issue 16: a new design with a jail and no address anywhere crashed the audit panel ("Cannot read
// properties of undefined (reading 'results')"): the host had no IPv4 address, so asking whether a
// jail reaches the host tried no address at all and summarised a best attempt that never was.

function newDesignWithJail(): Topology {
  const edit = addJail(emptyDesign());
  if (!edit.ok) throw new Error(edit.reason);
  return edit.topology;
}

describe('the audit of a new design without addresses', () => {
  it('says the host has no address to reach instead of crashing', () => {
    const topology = newDesignWithJail();
    const jail = topology.stacks.find((s) => s.kind === 'jail')!;
    const auditor = new Auditor(topology);
    const verdict = auditor.pair({ kind: 'stack', id: jail.id }, { kind: 'host' });
    expect(verdict.verdict).toBe('no-route');
    expect(verdict.summary).toMatch(/^the host host.example.org has no IPv4 address/);
    expect(auditor.verdict({ kind: 'stack', id: jail.id }, { kind: 'host' })).toBe('no-route');
  });

  it('gives a whole report, in one go and through a session', () => {
    const topology = newDesignWithJail();
    expect(() => auditReport(topology)).not.toThrow();
    expect(new ReportSession().report(topology, 'from-design').jails).toHaveLength(1);
  });
});
