import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditShape, buildAuditTopology } from '../testing/arbitrary-audit';
import { ipv6Layer, withIpv6 } from '../testing/arbitrary-ipv6';
import { bastilleWithInherit } from '../testing/bastille-design';
import { TopologySchema, type Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { exposedPorts, exposedRules } from './exposed';
import { auditMatrix, familyVerdictOfCode } from './matrix';

// A shared-IP jail with `ip4 = inherit` (jail(8) "ip4": the jail may use every address of its
// parent) sends and is reached as its parent is: the same stack, the same addresses, the same pf.
// It was all "no route" ("inh has no address of that family") before the audit knew it.

const INHERIT = { kind: 'jail', id: 'inh', name: 'inh', sharedIp: { ip4: 'inherit', ip6: 'inherit' } } as const;

/** Any design with the jail added under the host (bastilleWithInherit is the Bastille one so). */
function withInherit(topology: Topology): Topology {
  return TopologySchema.parse({ ...topology, stacks: [...topology.stacks, INHERIT] });
}

const stack = (id: string): Source & Destination => ({ kind: 'stack', id });

describe('a jail with ip4 = inherit on the Bastille-style host', () => {
  const design = bastilleWithInherit();

  it('reaches the internet from the host’s own address, not nat’ed (it is not in <jails>)', () => {
    const result = new Auditor(design).pair(stack('inh'), { kind: 'internet' }, { trace: true });
    expect(result.verdict).toBe('reachable');
    expect(result.explained?.forward.src).toBe(0xc0a8010a);
    expect(result.explained?.forward.steps.map((s) => s.text)).not.toContainEqual(expect.stringMatching(/^nat in/));
  });

  it('reaches web over lo1, and the reply comes back to its own socket', () => {
    const result = new Auditor(design).pair(stack('inh'), stack('web'));
    expect(result.verdict).toBe('reachable');
  });

  it('is reached at the host’s addresses, and the explanation says why', () => {
    const result = new Auditor(design).pair({ kind: 'lan', id: 'lan' }, stack('inh'));
    expect(result.verdict).toBe('reachable');
    expect(result.address).toBe('192.168.1.10');
    expect(result.summary).toMatch(
      /inh has ip4 = inherit: it is reached at the host \(bastille\.example\.org\)'s addresses/,
    );
  });

  it('may pin a source address of its parent’s, and none of another jail’s', () => {
    const auditor = new Auditor(design);
    expect(auditor.pair({ kind: 'stack', id: 'inh', address: '192.168.1.10' }, { kind: 'lan' }).verdict).toBe(
      'reachable',
    );
    const other = auditor.pair({ kind: 'stack', id: 'inh', address: '10.17.89.1' }, { kind: 'lan' });
    expect(other).toMatchObject({
      verdict: 'no-route',
      summary: 'inh has no address 10.17.89.1: it cannot send from it',
    });
  });

  it('is exposed wherever the host is: what the LAN can open on the host’s address may be its', () => {
    const exposed = exposedPorts(new Auditor(design)).filter((e) => e.jail === 'inh');
    expect(exposed.map((e) => `${e.origin} ${e.protocol} ${e.address}`).sort()).toEqual([
      'lan tcp 192.168.1.10',
      'lan udp 192.168.1.10',
    ]);
    expect(exposed[0]!.filter?.rule?.text).toBe('pass all flags S/SA keep state');
    // Not "the jail's own address": the host's, which it may use.
    expect(exposed.every((e) => e.inherited)).toBe(true);
    expect(exposedRules(exposed[0]!)).toMatch(/^no rdr \(its parent's address: ip4 = inherit\) · filter: /);
  });

  it('has no IPv6 of its own when the host has none', () => {
    expect(new Auditor(design).familyVerdict(stack('inh'), { kind: 'internet' }, 6)).toBe('no-ipv6');
  });
});

describe('on random networks, an inherit jail answers exactly as its host', () => {
  it('in its row and its column, in both families, in pair() and in the matrix', () => {
    fc.assert(
      fc.property(auditShape, fc.option(ipv6Layer, { nil: undefined }), (shape, layer) => {
        const plain = buildAuditTopology(shape);
        const topology = withInherit(layer ? withIpv6(plain, layer) : plain);
        const auditor = new Auditor(topology);
        const matrix = auditMatrix(new Auditor(topology));
        const width = matrix.destinations.length;
        const row = matrix.sources.indexOf('inh');
        const others = matrix.sources.filter((id) => id !== 'inh');
        for (const family of [4, 6] as const) {
          const cells = family === 4 ? matrix.cells : matrix.cells6;
          matrix.destinations.forEach((destination, col) => {
            if (destination.kind === 'host' || (destination.kind === 'stack' && destination.id === 'inh')) return;
            const expected = auditor.familyVerdict(stack('host'), destination, family);
            const label = `IPv${family} inh → ${JSON.stringify(destination)}`;
            expect(auditor.familyVerdict(stack('inh'), destination, family), label).toBe(expected);
            if (cells) expect(familyVerdictOfCode(cells[row * width + col]!), `matrix ${label}`).toBe(expected);
          });
          for (const id of others) {
            const label = `IPv${family} ${id} → inh`;
            const expected = auditor.familyVerdict(stack(id), { kind: 'host' }, family);
            expect(auditor.familyVerdict(stack(id), stack('inh'), family), label).toBe(expected);
            expect(auditor.pair(stack(id), stack('inh'), { family }).verdict, `pair() ${label}`).toBe(
              auditor.pair(stack(id), { kind: 'host' }, { family }).verdict,
            );
          }
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
