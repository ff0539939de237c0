import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { audited, diffAudited, type AuditSide } from './diff';

const diffAudits = (before: AuditSide, after: AuditSide) => diffAudited(audited(before), audited(after));

describe('diffAudited', () => {
  it('names the pairs an edit opens and closes, by jail name, and nothing else', () => {
    const before = blogNetwork();
    const after = blogNetwork();
    after.intents = [];
    const changes = diffAudits({ topology: before, patchbay: 'from-design' }, { topology: after, patchbay: 'from-design' });
    expect(changes.filter((c) => c.kind === 'gained').map((c) => `${c.source}>${c.destination}`)).toEqual(['tor-relay>host', 'tor-relay>LAN', 'tor-relay>snort-jail', 'tor-relay>www-jail']);
    expect(changes.every((c) => c.source === 'tor-relay' || c.destination === 'tor-relay')).toBe(true);
    expect(diffAudits({ topology: before, patchbay: 'from-design' }, { topology: blogNetwork(), patchbay: 'from-design' })).toEqual([]);
  });

  it('marks pairs of a jail that only one side has as absent', () => {
    const after = blogNetwork();
    after.stacks = after.stacks.filter((s) => s.id !== 'www');
    const changes = diffAudits({ topology: blogNetwork(), patchbay: 'from-design' }, { topology: after, patchbay: 'from-design' });
    expect(changes.find((c) => c.source === 'www-jail' && c.destination === 'LAN')).toEqual({ source: 'www-jail', destination: 'LAN', before: 'reachable', after: 'absent', kind: 'lost' });
  });
});
