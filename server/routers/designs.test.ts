import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { openDatabase } from '../storage/database';
import { DesignStore } from '../storage/designs';
import { createCaller } from './app';

function caller() {
  const store = new DesignStore(openDatabase(':memory:'));
  return createCaller({
    designs: () => store,
    hosts: () => {
      throw new Error('the designs router needs no hosts');
    },
  });
}

describe('designs router', () => {
  it('creates, lists, opens with problems, saves, renames, duplicates, restores and deletes', async () => {
    const api = caller();
    const created = await api.designs.create({ name: 'Blog', topology: blogNetwork() });
    expect((await api.designs.list()).map((d) => d.name)).toEqual(['Blog']);
    const broken = blogNetwork();
    const www = broken.stacks[2]!;
    if (www.kind !== 'jail') throw new Error('demo changed');
    www.name = 'www.jail';
    const saved = await api.designs.save({ id: created.id, topology: broken, note: 'oops' });
    expect(saved).toMatchObject({ version: 2, problems: [expect.objectContaining({ rule: 'jail.name.dot' })] });
    expect((await api.designs.open({ id: created.id })).problems.map((p) => p.rule)).toEqual(['jail.name.dot']);
    await api.designs.restore({ id: created.id, version: 1 });
    expect((await api.designs.open({ id: created.id })).problems).toEqual([]);
    await api.designs.rename({ id: created.id, name: 'Home' });
    const copy = await api.designs.duplicate({ id: created.id, name: 'Home 2' });
    await api.designs.delete({ id: created.id });
    expect((await api.designs.list()).map((d) => d.id)).toEqual([copy.id]);
  });

  it('says NOT_FOUND for a design that is not there, and names the field of bad input', async () => {
    const api = caller();
    const missing = await api.designs.open({ id: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TRPCError);
    expect((missing as TRPCError).code).toBe('NOT_FOUND');
    const bad = await api.designs.create({ name: '  ', topology: blogNetwork() }).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((bad as TRPCError).message).toMatch(/needs a name/);
    expect(await api.designs.list()).toEqual([]);
  });

  it('lists a design whose stored row no longer reads back, and refuses to open it with the rule and path', async () => {
    const db = openDatabase(':memory:');
    const store = new DesignStore(db);
    const api = createCaller({
      designs: () => store,
      hosts: () => {
        throw new Error('the designs router needs no hosts');
      },
    });
    const created = await api.designs.create({ name: 'Blog', topology: blogNetwork() });
    db.prepare('UPDATE design_versions SET topology = ? WHERE design_id = ?').run(
      '{"format":"patchbay.topology","version":2,"name":""}',
      created.id,
    );
    const [listed] = await api.designs.list();
    expect(listed).toMatchObject({ name: 'Blog', unreadable: { rule: expect.stringMatching(/^schema\./) } });
    const opening = api.designs.open({ id: created.id });
    await expect(opening).rejects.toBeInstanceOf(TRPCError);
    await expect(opening).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringMatching(/Design Blog version 1 cannot be read/),
    });
  });
});
