import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { handbookRoot, rootOf, rootPath } from './jail-root';
import { sameMeaning } from './meaning';
import type { JailStack } from './schema';

describe("a jail's root", () => {
  it('is part of what a design means: switching it is a change the audit, plan and render see', () => {
    const before = blogNetwork();
    const after = structuredClone(before);
    (after.stacks.find((s) => s.kind === 'jail') as JailStack).root = { kind: 'external', manager: 'jail.conf' };
    expect(sameMeaning(before, after)).toBe(false);
  });

  it("defaults to network-only when absent, and to the Handbook's directory for the jail's name", () => {
    expect(rootOf({})).toEqual({ kind: 'network-only' });
    expect(rootPath(handbookRoot(), 'web')).toBe('/usr/local/jails/containers/web');
    expect(rootPath({ ...handbookRoot(), path: '/jails/w' }, 'web')).toBe('/jails/w');
  });
});
