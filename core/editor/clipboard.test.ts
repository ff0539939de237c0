import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { formatPath } from '../validate/problem';
import { validate } from '../validate/validate';
import { copy, paste } from './clipboard';

describe('copy and paste', () => {
  it('pastes a bridge with its jails as new things, cables included, without clashing', () => {
    const t = blogNetwork();
    t.layout.positions['snort'] = { x: 100, y: 50 };
    const fragment = copy(t, ['host:bridge0', 'snort', 'www']);
    const pasted = paste(t, fragment);
    if (!pasted.ok) throw new Error(pasted.reason);
    const names = pasted.topology.stacks.filter((s) => s.kind === 'jail').map((s) => (s.kind === 'jail' ? s.name : ''));
    expect(names).toEqual(['snort-jail', 'www-jail', 'tor-relay', 'snort-jail1', 'www-jail1']);
    const bridge = pasted.topology.stacks[0]!.interfaces.find(
      (i) => i.id === pasted.created.find((id) => id.includes('bridge')),
    );
    expect(bridge?.kind === 'bridge' && bridge.members).toHaveLength(2);
    expect(bridge?.name).toBe('bridge2');
    expect(
      validate(pasted.topology)
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.rule} @ ${formatPath(p.path)}`),
    ).toEqual([]);
    const snortCopy = pasted.created[0]!;
    expect(pasted.topology.layout.positions[snortCopy]).toEqual({ x: 140, y: 90 });
  });

  it('leaves cables to things not copied behind', () => {
    const t = blogNetwork();
    const pasted = paste(t, copy(t, ['tor']));
    if (!pasted.ok) throw new Error(pasted.reason);
    const copyOfTor = pasted.topology.stacks.find((s) => s.id === pasted.created[0]);
    expect(copyOfTor?.interfaces).toEqual([]);
  });
});
