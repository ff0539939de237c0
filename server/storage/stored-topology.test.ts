import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { openDatabase } from './database';
import { DesignStore } from './designs';
import { UnreadableDesign } from './stored-topology';

// Rows written by hand, as a bad edit or a bug would leave them: the list must still show every design.
function storeWithRow(topologyText: string) {
  const db = openDatabase(':memory:');
  const designs = new DesignStore(db);
  const good = designs.create('Good', blogNetwork());
  const bad = designs.create('Broken', blogNetwork());
  db.prepare('UPDATE design_versions SET topology = ? WHERE design_id = ?').run(topologyText, bad.id);
  return { designs, good, bad };
}

describe('a stored design that does not read back', () => {
  it('with bad JSON: listed as unreadable, with its name and the rule; opening it says so', () => {
    const { designs, good, bad } = storeWithRow('{"format": "patchbay.topology", "version": 2, ');
    const listed = designs.list();
    expect(listed.find((d) => d.id === good.id)?.unreadable).toBeUndefined();
    expect(listed.find((d) => d.id === bad.id)).toMatchObject({
      name: 'Broken',
      unreadable: { version: 1, rule: 'document.json', path: [] },
    });
    expect(() => designs.open(bad.id)).toThrow(UnreadableDesign);
    expect(() => designs.open(bad.id)).toThrow(/Design Broken version 1 cannot be read \(document\.json\)/);
  });

  it('with a shape the schema refuses: the zod path and rule', () => {
    const doc = JSON.parse(JSON.stringify(blogNetwork()));
    doc.stacks[1].childrenMax = -1;
    const { designs, bad } = storeWithRow(JSON.stringify(doc));
    const listed = designs.list().find((d) => d.id === bad.id);
    expect(listed?.unreadable).toMatchObject({
      version: 1,
      rule: 'schema.too_small',
      path: ['stacks', 1, 'childrenMax'],
    });
    let thrown: unknown;
    try {
      designs.open(bad.id);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnreadableDesign);
    expect((thrown as UnreadableDesign).unreadable.path).toEqual(['stacks', 1, 'childrenMax']);
    expect((thrown as UnreadableDesign).designName).toBe('Broken');
  });

  it('can be replaced by saving a good version, and read again', () => {
    const { designs, bad } = storeWithRow('not json');
    expect(designs.save(bad.id, blogNetwork(), 'repaired')).toBe(2);
    expect(designs.list().find((d) => d.id === bad.id)?.unreadable).toBeUndefined();
    expect(designs.open(bad.id).topology).toEqual(blogNetwork());
  });

  it('a stored version-1 row reads back migrated', () => {
    const v1 = {
      ...JSON.parse(JSON.stringify(blogNetwork())),
      version: 1,
      policies: [
        { id: 'no-tor-host', action: 'deny', from: { kind: 'stack', id: 'tor' }, to: { kind: 'stack', id: 'host' } },
      ],
    };
    const { designs, bad } = storeWithRow(JSON.stringify(v1));
    expect(designs.list().find((d) => d.id === bad.id)?.unreadable).toBeUndefined();
    expect(designs.open(bad.id).topology.intents.map((i) => `${i.kind} ${i.id}`)).toEqual([
      'internet-only tor-internet-only',
      'deny no-tor-host',
    ]);
  });
});
