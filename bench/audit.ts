import { Auditor } from '../core/audit/audit';
import { exposedPorts } from '../core/audit/exposed';
import { auditMatrix } from '../core/audit/matrix';
import { AuditSession } from '../core/audit/session';
import { referencePf } from '../core/audit/walk';
import { auditDesign } from '../core/testing/audit-design';
import { dualStackAuditDesign } from '../core/testing/audit-design-ipv6';
import type { JailStack, Topology } from '../core/topology/schema';

// The audit's two goals: the full matrix of 1,000 jails on 100 bridges behind 500 pf rules, and
// re-auditing one jail after an edit. The baseline, measured in the same run, is the plain way:
// every pair asked one by one, pf evaluated rule by rule (2,000 pairs timed, scaled to all).

export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * The same network dual-stack (core/testing/audit-design-ipv6.ts): the matrix then holds IPv4 and
 * IPv6 verdicts for every pair, and the re-audit asks both families again.
 */
export function benchAuditDualStack(): ReturnType<typeof benchAudit> {
  return benchAudit(dualStackAuditDesign(100, 10));
}

export function benchAudit(topology: Topology = auditDesign(100, 10)): {
  matrixMs: number;
  pairs: number;
  baselineMs: number;
  reauditMs: number;
  fullFallbacks: number;
} {
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    auditMatrix(new Auditor(topology));
    rounds.push(performance.now() - started);
  }
  const jails = topology.stacks.filter((s) => s.kind === 'jail');
  const pairs = jails.length * (jails.length - 1 + 3);

  const plain = new Auditor(topology, 'from-design', { pf: referencePf });
  const sample = 2_000;
  const started = performance.now();
  for (let i = 0; i < sample; i++) {
    const [a, b] = [jails[(i * 7) % jails.length]!, jails[(i * 13 + 1) % jails.length]!];
    plain.pair({ kind: 'stack', id: a.id }, { kind: 'stack', id: b.id }, { reasons: false });
  }
  const baselineMs = ((performance.now() - started) / sample) * pairs;

  // Re-audit: readdress a jail within its subnet, ten edits, each timed on its own.
  const session = new AuditSession(topology);
  const times: number[] = [];
  let fullFallbacks = 0;
  for (let edit = 0; edit < 10; edit++) {
    const jail = structuredClone(jails[edit * 37]!) as JailStack;
    const [v4, ...rest] = jail.interfaces[0]!.addresses;
    jail.interfaces[0]!.addresses = [v4!.replace(/\.\d+\//, `.${200 + edit}/`), ...rest];
    const t0 = performance.now();
    if (!session.updateJail(jail)) fullFallbacks++;
    times.push(performance.now() - t0);
  }
  return { matrixMs: median(rounds), pairs, baselineMs, reauditMs: median(times), fullFallbacks };
}

/**
 * The same network with a port forward per bridge (100 rdr rules in Bastille's `rdr-anchor "rdr/*"`
 * layout): the full matrix beside today's, and the Exposed view of its 1,000 jails (goal 200 ms).
 */
export function benchRdr(): { matrixMs: number; probes: number; exposedMs: number; exposed: number } {
  const topology = auditDesign(100, 10, { rdr: true });
  const matrix: number[] = [];
  const exposedTimes: number[] = [];
  let probes = 0;
  let exposed = 0;
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    const auditor = new Auditor(topology);
    auditMatrix(auditor);
    matrix.push(performance.now() - started);
    probes = auditor.probeNames.length;
    started = performance.now();
    exposed = exposedPorts(new Auditor(topology)).length;
    exposedTimes.push(performance.now() - started);
  }
  return { matrixMs: median(matrix), probes, exposedMs: median(exposedTimes), exposed };
}

/**
 * The Exposed view of the dual-stack network: every jail has a global IPv6 address, and with no
 * NAT66 most of its ports are open from outside, so thousands of entries are traced (goal 200 ms,
 * as for the IPv4 one). Timed as the report asks it: on the auditor that has just filled the matrix
 * (`cold` also times building a network of its own, as the IPv4 line does).
 */
export function benchExposedDualStack(): { exposedMs: number; coldMs: number; exposed: number } {
  const topology = dualStackAuditDesign(100, 10);
  const warm: number[] = [];
  const cold: number[] = [];
  let exposed = 0;
  for (let round = 0; round < 3; round++) {
    const auditor = new Auditor(topology);
    auditMatrix(auditor);
    let started = performance.now();
    exposed = exposedPorts(auditor).length;
    warm.push(performance.now() - started);
    started = performance.now();
    exposedPorts(new Auditor(topology));
    cold.push(performance.now() - started);
  }
  return { exposedMs: median(warm), coldMs: median(cold), exposed };
}
