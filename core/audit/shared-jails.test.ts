import { describe, expect, it } from 'vitest';
import { bastilleDesign } from '../testing/bastille-design';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type PairVerdict, type Source } from './audit';
import { auditMatrix, cellVerdict } from './matrix';
import { ReportSession } from './report-session';
import { AuditSession } from './session';

// Shared-IP jails in the audit, on the Bastille-style host (core/testing/bastille-design.ts): web
// (10.17.89.1) and db (10.17.89.2) are aliases on lo1, em0 is 192.168.1.10 on the LAN with the
// internet behind its gateway, and the host's pf nats <jails> out of em0.

const jail = (id: string): Source & Destination => ({ kind: 'stack', id });
const INTERNET: Destination = { kind: 'internet' };
const LAN: Destination = { kind: 'lan' };

function audit(topology: Topology, source: Source, destination: Destination): PairVerdict {
  const slow = new Auditor(topology).pair(source, destination, { trace: true });
  expect(new Auditor(topology).verdict(source, destination), 'fast path').toBe(slow.verdict);
  return slow;
}
const texts = (result: PairVerdict) => (result.explained?.forward.steps ?? []).map((s) => s.text);

describe('shared-IP jails on a Bastille-style host', () => {
  it('web reaches the internet through the host nat, from its own address', () => {
    const result = audit(bastilleDesign(), jail('web'), INTERNET);
    expect(result.verdict).toBe('reachable');
    expect(texts(result)).toContainEqual(
      expect.stringMatching(/^nat in bastille\.example\.org on em0: 10\.17\.89\.1 → 192\.168\.1\.10/),
    );
  });

  it('web gets no reply from the internet without the nat rule (its address is private)', () => {
    const design = bastilleDesign();
    const host = design.stacks[0]!;
    host.pf = { ...host.pf!, nat: '' };
    const result = audit(design, jail('web'), INTERNET);
    expect(result.verdict).toBe('one-way');
    expect(result.summary).toMatch(/nat/);
  });

  it('web reaches db over lo1, and pf sees it there', () => {
    const result = audit(bastilleDesign(), jail('web'), jail('db'));
    expect(result.verdict).toBe('reachable');
    expect(texts(result)).toContainEqual(expect.stringMatching(/lo1/));
    expect(result.explained?.forward.src).toBe(0x0a115901);
  });

  it('host pf "block in on lo1" blocks web → db, naming the rule', () => {
    const result = audit(bastilleDesign({ filterRules: ['block in on lo1'] }), jail('web'), jail('db'));
    expect(result.verdict).toBe('blocked');
    expect(result.explained?.rule?.text).toBe('block in on lo1');
  });

  it('"set skip on lo1" makes web → db reachable again despite the block', () => {
    const design = bastilleDesign({ filterRules: ['block in on lo1'], skip: ['lo1'] });
    expect(audit(design, jail('web'), jail('db')).verdict).toBe('reachable');
  });

  it("host pf rules naming a jail's address decide that jail's traffic", () => {
    const design = bastilleDesign({ filterRules: ['block in quick on lo1 from 10.17.89.2 to any'] });
    expect(audit(design, jail('db'), jail('web')).verdict).toBe('blocked');
    expect(audit(design, jail('web'), jail('db')).verdict).toBe('reachable');
    expect(audit(design, jail('db'), LAN).verdict).toBe('reachable');
  });

  it('the host no longer counts a jail address as its own, and each jail has its row and column', () => {
    const auditor = new Auditor(bastilleDesign());
    const host = auditor.net.stackById.get('host')!;
    expect([...host.local]).not.toContain(0x0a115901);
    expect([...auditor.net.stackById.get('web')!.local]).toEqual([0x0a115901]);
    const matrix = auditMatrix(auditor);
    expect(matrix.sources).toEqual(['web', 'db']);
    const column = matrix.destinations.findIndex((d) => d.kind === 'stack' && d.id === 'db');
    expect(cellVerdict(matrix, 0, column)).toBe('reachable');
  });
});

describe('re-auditing an edited shared-IP jail', () => {
  it('is never swapped in alone: its addresses are its parent stack’s business too', () => {
    const design = bastilleDesign();
    design.stacks[0]!.pf = undefined;
    const edited = structuredClone(design).stacks.find((s) => s.id === 'db')!;
    if (edited.kind === 'jail')
      edited.sharedIp = { ip4: [{ interface: 'host:lo1', address: '10.17.89.7/32' }], ip6: [] };
    expect(new AuditSession(design).updateJail(edited)).toBe(false);
  });

  it('gives the same report as a fresh audit after an address edit', () => {
    const design = bastilleDesign();
    design.stacks[0]!.pf = undefined;
    const session = new ReportSession();
    session.report(design);
    const edited = structuredClone(design);
    const db = edited.stacks.find((s) => s.id === 'db');
    if (db?.kind === 'jail') db.sharedIp = { ip4: [{ interface: 'host:lo1', address: '10.17.89.7/32' }], ip6: [] };
    const incremental = session.report(edited);
    const fresh = new ReportSession().report(edited);
    expect(incremental.cells).toEqual(fresh.cells);
    expect(incremental.columns).toEqual(fresh.columns);
    expect([...new Auditor(edited).net.stackById.get('db')!.local]).toEqual([0x0a115907]);
  });
});

describe('the matrix with shared-IP jails and no pf', () => {
  it('keeps a jail with an alias on the LAN apart from one on lo1', () => {
    const design = bastilleDesign();
    design.stacks[0]!.pf = undefined;
    const web = design.stacks.find((s) => s.id === 'web');
    // Bastille's "shared interface" jail: an alias on em0 in the LAN, which the LAN's router answers.
    if (web?.kind === 'jail') web.sharedIp = { ip4: [{ interface: 'host:em0', address: '192.168.1.77/32' }], ip6: [] };
    const auditor = new Auditor(design);
    const matrix = auditMatrix(auditor);
    const internet = matrix.destinations.findIndex((d) => d.kind === 'internet');
    matrix.sources.forEach((id, row) =>
      expect(cellVerdict(matrix, row, internet), id).toBe(new Auditor(design).pair(jail(id), INTERNET).verdict),
    );
    expect(cellVerdict(matrix, matrix.sources.indexOf('web'), internet)).toBe('reachable');
    expect(cellVerdict(matrix, matrix.sources.indexOf('db'), internet)).toBe('one-way');
  });
});

describe('a shared-IP jail with an alias on the NIC', () => {
  it('is reached from the LAN at that alias, arriving on em0', () => {
    const design = bastilleDesign();
    const web = design.stacks.find((s) => s.id === 'web');
    if (web?.kind === 'jail') web.sharedIp = { ip4: [{ interface: 'host:em0', address: '192.168.1.77/32' }], ip6: [] };
    const result = audit(design, { kind: 'lan', id: 'lan' }, jail('web'));
    expect(result.verdict).toBe('reachable');
    expect(texts(result).at(-1)).toBe('delivered to web (192.168.1.77)');
  });
});

// The host (unjailed) asking its shared-IP jail: in_pcbladdr (sys/netinet/in_pcb.c) gives the host's
// socket the jail's address as source (the route to a local address is the loopback route), and the
// reply, to that address, is the host's connected socket's: both ways work.
describe('the host and its shared-IP jails', () => {
  const HOST = jail('host');
  function withIpv6(design: Topology): Topology {
    const host = design.stacks.find((s) => s.kind === 'host')!;
    host.interfaces.find((i) => i.name === 'em0')!.addresses.push('2001:db8:1::10/64');
    const web = design.stacks.find((s) => s.id === 'web')!;
    if (web.kind === 'jail' && web.sharedIp)
      web.sharedIp.ip6 = [{ interface: 'host:lo1', address: '2001:db8:89::1/128' }];
    const lan = design.segments.find((s) => s.kind === 'lan')!;
    if (lan.kind === 'lan') lan.cidr6 = '2001:db8:1::/64';
    return design;
  }

  it('host → web is reachable over IPv4, the reply back to the host', () => {
    const result = audit(bastilleDesign(), HOST, jail('web'));
    expect(result.verdict).toBe('reachable');
    expect(result.explained?.forward.src).toBe(0x0a115901);
  });

  it('host → web is reachable over IPv6', () => {
    const design = withIpv6(bastilleDesign());
    const result = new Auditor(design).pair(HOST, jail('web'), { trace: true, family: 6 });
    expect(result.verdict).toBe('reachable');
    expect(new Auditor(design).verdict(HOST, jail('web'), 6)).toBe('reachable');
  });

  it('web → host stays reachable, and pf filtering lo1 still decides host → web', () => {
    expect(audit(bastilleDesign(), jail('web'), HOST).verdict).toBe('reachable');
    expect(audit(bastilleDesign({ filterRules: ['block in on lo1'] }), HOST, jail('web')).verdict).toBe('blocked');
    const skipped = bastilleDesign({ filterRules: ['block in on lo1'], skip: ['lo1'] });
    expect(audit(skipped, HOST, jail('web')).verdict).toBe('reachable');
  });

  it('db does not receive the reply meant for the host', () => {
    const result = new Auditor(bastilleDesign()).pair(HOST, jail('db'), { trace: true });
    expect(result.verdict).toBe('reachable');
    expect(result.summary).not.toMatch(/reply ends up/);
  });
});
