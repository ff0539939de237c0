import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditTopology } from '../testing/arbitrary-audit';
import { Auditor, REACHES, VERDICTS } from './audit';
import { badgesOfRow, TWO_WAY } from './badges';
import { FIXED_DESTINATIONS, NO_IPV6, SELF } from './matrix';
import { auditReport } from './report';

const code = (verdict: (typeof VERDICTS)[number]) => VERDICTS.indexOf(verdict);

describe('jail badges', () => {
  it('say LAN only where the replies come back', () => {
    expect(badgesOfRow([code('one-way'), code('reachable'), code('partial'), SELF])).toEqual(['internet', 'host']);
    expect(badgesOfRow([code('one-way'), code('blocked'), code('no-route'), SELF])).toEqual([]);
    expect(badgesOfRow([code('blocked'), code('no-route'), code('blocked'), SELF, code('no-route')])).toEqual([
      'isolated',
    ]);
  });

  it('take either family: a jail reaching the LAN only over IPv6 has the LAN badge and is not isolated', () => {
    const v4 = [code('blocked'), code('no-route'), code('blocked'), SELF];
    expect(badgesOfRow(v4)).toEqual(['isolated']);
    expect(badgesOfRow(v4, [code('reachable'), NO_IPV6, code('one-way'), SELF])).toEqual(['lan']);
    expect(badgesOfRow(v4, [NO_IPV6, NO_IPV6, NO_IPV6, SELF])).toEqual(['isolated']);
  });

  it('are shown exactly where the matrix verdict is two-way, on generated networks', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(auditTopology, (topology) => {
        const report = auditReport(topology);
        const width = report.columns.length;
        const auditor = new Auditor(topology);
        report.jails.forEach((jail, row) => {
          const verdicts = [...report.cells.slice(row * width, (row + 1) * width)].map((c) => VERDICTS[c]);
          FIXED_DESTINATIONS.forEach((destination, col) => {
            const verdict = verdicts[col]!;
            seen.add(verdict);
            const badge = destination.kind as 'lan' | 'internet' | 'host';
            expect({ jail: jail.name, badge, verdict, shown: report.badges[jail.id]!.includes(badge) }).toEqual({
              jail: jail.name,
              badge,
              verdict,
              shown: TWO_WAY.has(verdict),
            });
            // The matrix cell is the pair's own verdict, asked the slow way.
            expect(auditor.pair({ kind: 'stack', id: jail.id }, destination).verdict).toBe(verdict);
          });
          const arrives = verdicts.some((v) => v !== undefined && REACHES.has(v));
          expect(report.badges[jail.id]!.includes('isolated')).toBe(!arrives);
        });
      }),
      { numRuns: 100 },
    );
    // One-way cells must have come up, or the property never told a badge from a one-way verdict.
    expect(seen).toContain('one-way');
    expect(seen).toContain('reachable');
  }, 30_000);
});
