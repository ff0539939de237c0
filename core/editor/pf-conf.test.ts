import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { setPfConf } from './pf-conf';

describe('setPfConf', () => {
  const hostId = (t: ReturnType<typeof blogNetwork>) => t.stacks.find((s) => s.kind === 'host')!.id;

  it('creates pf (enabled, empty listings) when the stack has none, and keeps text with problems as it is', () => {
    const t = blogNetwork();
    const id = hostId(t);
    delete t.stacks.find((s) => s.id === id)!.pf;
    const edit = setPfConf(t, id, 'pass all\nfrobnicate');
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.topology.stacks.find((s) => s.id === id)!.pf).toEqual({
      enabled: true,
      rules: '',
      nat: '',
      conf: 'pass all\nfrobnicate',
    });
  });

  it('keeps the listings and tables read from the host beside it; clearing removes only conf', () => {
    const t = blogNetwork();
    const id = hostId(t);
    const stack = t.stacks.find((s) => s.id === id)!;
    stack.pf = { enabled: true, rules: 'block all', nat: '', tables: [{ anchor: '', name: 'x', entries: [] }] };
    const pasted = setPfConf(t, id, 'pass all');
    if (!pasted.ok) throw new Error(pasted.reason);
    const cleared = setPfConf(pasted.topology, id, '  \n');
    if (!cleared.ok) throw new Error(cleared.reason);
    expect(cleared.topology.stacks.find((s) => s.id === id)!.pf).toEqual(stack.pf);
  });

  it('refuses an unknown stack', () => {
    expect(setPfConf(blogNetwork(), 'nope', 'pass all').ok).toBe(false);
  });
});
