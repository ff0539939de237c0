import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import { MigratingTopologySchema, parseTopology, readTopology, serializeTopology } from './document';
import { TOPOLOGY_VERSION } from './schema';

function reparse(text: string) {
  const result = parseTopology(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.topology;
}

describe('topology document', () => {
  it('round-trips the demo exactly', () => {
    const text = serializeTopology(blogNetwork());
    expect(reparse(text)).toEqual(blogNetwork());
    expect(serializeTopology(reparse(text))).toBe(text);
  });

  it('round-trips every generated topology exactly', () => {
    fc.assert(
      fc.property(validTopology, (topology) => {
        const text = serializeTopology(topology);
        expect(reparse(text)).toEqual(topology);
        expect(serializeTopology(reparse(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('fills defaults so a minimal hand-written file opens', () => {
    const result = parseTopology(
      JSON.stringify({
        format: 'patchbay.topology',
        version: 1,
        name: 'tiny',
        stacks: [{ kind: 'host', id: 'host', hostname: 'h' }],
      }),
    );
    expect(result.ok && result.topology.target.freebsd).toBe('14');
    expect(result.ok && result.topology.stacks[0]!.forwarding).toEqual({ ipv4: false, ipv6: false });
  });

  it('gives every parse its own default objects', () => {
    const minimal = {
      format: 'patchbay.topology',
      version: 1,
      name: 'tiny',
      stacks: [{ kind: 'host', id: 'host', hostname: 'h' }],
    };
    const first = readTopology(minimal);
    const second = readTopology(minimal);
    if (!first.ok || !second.ok) throw new Error('minimal topology should parse');
    first.topology.layout.positions['host'] = { x: 1, y: 1 };
    first.topology.stacks[0]!.interfaces.push({ kind: 'loopback', id: 'lo', name: 'lo0', up: true, addresses: [] });
    expect(second.topology.layout.positions).toEqual({});
    expect(second.topology.stacks[0]!.interfaces).toEqual([]);
  });

  it('refuses text that is not JSON with a clear problem', () => {
    const result = parseTopology('{ "format": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.rule).toBe('document.json');
    expect(!result.ok && result.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('refuses something that is not a topology', () => {
    for (const value of [null, 42, 'text', [1, 2]]) {
      const result = readTopology(value);
      expect(!result.ok && result.problems[0]!.rule).toBe('document.shape');
    }
    const other = readTopology({ format: 'drawio', version: 1 });
    expect(!other.ok && other.problems[0]).toMatchObject({ rule: 'document.format', path: ['format'] });
  });

  it('refuses a newer version and says to upgrade', () => {
    const doc = { ...JSON.parse(serializeTopology(blogNetwork())), version: TOPOLOGY_VERSION + 1 };
    const result = readTopology(doc);
    expect(!result.ok && result.problems[0]).toMatchObject({ rule: 'document.version', path: ['version'] });
    expect(!result.ok && result.problems[0]!.message).toMatch(/Upgrade Patchbay/);
  });

  it('refuses an unknown version', () => {
    const result = readTopology({ ...JSON.parse(serializeTopology(blogNetwork())), version: 'one' });
    expect(!result.ok && result.problems[0]!.rule).toBe('document.version');
  });

  it('reports every structural problem with its path', () => {
    const doc = JSON.parse(serializeTopology(blogNetwork()));
    doc.stacks[0].interfaces[1].kind = 'wifi';
    doc.stacks[1].childrenMax = -1;
    const result = readTopology(doc);
    const paths = result.ok ? [] : result.problems.map((p) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['stacks.0.interfaces.1.kind', 'stacks.1.childrenMax']));
  });
});

describe('document rules', () => {
  it('are all in the rule catalog', async () => {
    const { RULE_CATALOG } = await import('../validate/rule-catalog');
    const rules = [
      parseTopology('{'),
      readTopology(1),
      readTopology({ format: 'x' }),
      readTopology({ format: 'patchbay.topology', version: 9 }),
    ].flatMap((r) => (r.ok ? [] : r.problems.map((p) => p.rule)));
    expect(rules).toEqual(['document.json', 'document.shape', 'document.format', 'document.version']);
    expect(rules.every((rule) => rule in RULE_CATALOG)).toBe(true);
  });
});

describe('MigratingTopologySchema', () => {
  it('takes a version-1 topology as input and gives the current one', () => {
    const v1 = {
      format: 'patchbay.topology',
      version: 1,
      name: 'tiny',
      stacks: [{ kind: 'host', id: 'host', hostname: 'h' }],
      policies: [{ id: 'p', action: 'deny', from: { kind: 'stack', id: 'host' }, to: { kind: 'segment', id: 'lan' } }],
    };
    const parsed = MigratingTopologySchema.parse(v1);
    expect(parsed.version).toBe(TOPOLOGY_VERSION);
    expect(parsed.intents.map((i) => i.kind)).toEqual(['deny']);
  });

  it('refuses a newer version with the rule, at the field', () => {
    const result = MigratingTopologySchema.safeParse({ format: 'patchbay.topology', version: TOPOLOGY_VERSION + 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['version'],
      message: expect.stringMatching(/Upgrade Patchbay.*\(document\.version\)$/),
    });
  });
});
