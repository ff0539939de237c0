import { describe, expect, it } from 'vitest';
import { styleFor } from '../common/style';
import { reachabilityLines, type CliPlan } from './plan-text';

const PLAIN = styleFor({ isTTY: false } as never, {});

function planWith(audit: CliPlan['audit']): CliPlan {
  return { audit } as CliPlan;
}

describe('reachabilityLines', () => {
  it('says verdicts in the words the dashboard and patchbay audit use', () => {
    const lines = reachabilityLines(
      planWith({
        changes: [
          { source: 'www', destination: 'LAN', family: 4, before: 'no-route', after: 'one-way', kind: 'gained' },
          { source: 'lab', destination: 'internet', family: 4, before: 'absent', after: 'partial', kind: 'gained' },
        ],
        changeCount: 2,
        broken: [
          {
            id: 'i1',
            text: 'tor-relay never reaches the LAN',
            violations: [{ pair: 'tor-relay → LAN', found: 'blocked', reason: 'pf on the host' }],
          },
        ],
        notes: [],
      }),
      PLAIN,
    );
    expect(lines).toContain('  + www → LAN: no route → one-way');
    expect(lines).toContain('  + lab → internet: not there → partly reachable');
    expect(lines).toContain('      tor-relay → LAN: blocked by pf — pf on the host');
  });
});
