import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { addJail, updateInterface } from '../editor/actions';
import { compareTopologies } from './compare';

describe('compareTopologies', () => {
  it('finds nothing between a design and itself, whatever the ids and layout', () => {
    const design = blogNetwork();
    const renamedIds = JSON.parse(JSON.stringify(design).replaceAll('"snort"', '"snort-other-id"'));
    expect(compareTopologies(design, renamedIds)).toEqual([]);
  });

  it('names what is only in the design, only on the host, and what differs', () => {
    const host = blogNetwork();
    const added = addJail(host, { name: 'lab1' });
    if (!added.ok) throw new Error(added.reason);
    const www = host.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'epair2b')!;
    const changed = updateInterface(added.topology, www.id, { addresses: ['10.0.0.9/24'] });
    if (!changed.ok) throw new Error(changed.reason);
    const differences = compareTopologies(host, changed.topology);
    expect(differences).toContainEqual({ subject: 'jail lab1', status: 'only-design', details: [] });
    expect(differences).toContainEqual({ subject: 'www-jail/epair2b', status: 'differs', details: ['addresses: 10.0.0.3/24 on the host, 10.0.0.9/24 in the design'], hostId: www.id });
    // And the other way round, the same jail is only on the host.
    expect(compareTopologies(changed.topology, host)).toContainEqual(expect.objectContaining({ subject: 'jail lab1', status: 'only-host' }));
  });
});
