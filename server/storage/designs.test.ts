import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { openDatabase } from './database';
import { DesignNotFound, DesignStore } from './designs';

function store() {
  let clock = Date.parse('2026-11-28T10:00:00Z');
  return new DesignStore(openDatabase(':memory:'), () => new Date((clock += 1000)));
}

describe('DesignStore', () => {
  it('creates the database file and its tables on first start, and opens it again', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'patchbay-db-')), 'data', 'patchbay.sqlite');
    const first = new DesignStore(openDatabase(file));
    const created = first.create('Blog', blogNetwork());
    const again = new DesignStore(openDatabase(file));
    expect(again.list().map((d) => d.id)).toEqual([created.id]);
    expect(again.open(created.id).topology).toEqual(blogNetwork());
  });

  it('keeps a version per change, none for a save that changes nothing, and restores old ones', () => {
    const designs = store();
    const { id } = designs.create('Blog', blogNetwork());
    expect(designs.save(id, blogNetwork())).toBe(1);
    const changed = blogNetwork();
    changed.stacks[1]!.interfaces[1]!.addresses = ['10.0.0.9/24'];
    expect(designs.save(id, changed, 'moved snort')).toBe(2);
    expect(designs.versions(id).map((v) => [v.version, v.note])).toEqual([
      [2, 'moved snort'],
      [1, 'created'],
    ]);
    expect(designs.open(id, 1).topology).toEqual(blogNetwork());
    expect(designs.restore(id, 1)).toBe(3);
    expect(designs.open(id).topology).toEqual(blogNetwork());
    expect(designs.summary(id).latestVersion).toBe(3);
  });

  it('renames, duplicates and deletes', () => {
    const designs = store();
    const { id } = designs.create('Blog', blogNetwork());
    expect(designs.rename(id, 'Home lab').name).toBe('Home lab');
    const copy = designs.duplicate(id, 'Home lab (copy)');
    expect(copy.id).not.toBe(id);
    expect(designs.open(copy.id).topology).toEqual(blogNetwork());
    designs.delete(id);
    expect(designs.list().map((d) => d.name)).toEqual(['Home lab (copy)']);
    expect(() => designs.open(id)).toThrow(DesignNotFound);
    expect(() => designs.delete(id)).toThrow(DesignNotFound);
  });

  it('lists the most recently changed design first', () => {
    const designs = store();
    const a = designs.create('A', blogNetwork());
    designs.create('B', blogNetwork());
    const changed = blogNetwork();
    changed.name = 'changed';
    designs.save(a.id, changed);
    expect(designs.list().map((d) => d.name)).toEqual(['A', 'B']);
  });
});
