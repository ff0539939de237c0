import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditReport } from '../../audit/report';
import { compilePf } from '../../pf/compile';
import { validate } from '../../validate/validate';
import { readTopology, serializeTopology } from '../document';
import { TOPOLOGY_VERSION } from '../schema';
import { migrateDesign, MIGRATIONS } from './registry';

// Real version-1 files (the demo, the templates, a design with policies), exported before version 2
// existed, with the pf rules and audit they compiled to then (fixtures/compiled-before-v2.json).
const FIXTURES = join(__dirname, 'fixtures');
const files = readdirSync(FIXTURES)
  .filter((f) => f.startsWith('v1-'))
  .sort();
const before = JSON.parse(readFileSync(join(FIXTURES, 'compiled-before-v2.json'), 'utf8')) as Record<
  string,
  { pf: Record<string, string[]>; audit: Record<string, unknown>; intents: { id: string }[] }
>;
const raw = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>;

describe('design migrations', () => {
  it('chain from version 1 up to the current version, one step each', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: TOPOLOGY_VERSION - 1 }, (_, i) => [i + 1, i + 2]),
    );
  });

  it('has real version-1 files to hold them to, one with policies', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(before).sort()).toEqual(files);
    expect(files.some((f) => (raw(f).policies as unknown[] | undefined)?.length)).toBe(true);
  });

  describe.each(files)('%s', (file) => {
    it('migrates, validates, and compiles to the same pf rules and audit as before', () => {
      const v1 = raw(file);
      expect(v1.version).toBe(1);
      const read = readTopology(v1);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.topology.version).toBe(TOPOLOGY_VERSION);
      expect(validate(read.topology).filter((p) => p.severity === 'error')).toEqual([]);
      expect(Object.fromEntries(compilePf(read.topology))).toEqual(before[file]!.pf);
      const { millis: _millis, intents, ...audit } = auditReport(read.topology);
      const { violating, exposed, cells, ...rest } = audit;
      const { violating: violatingBefore, ...restBefore } = before[file]!.audit as { violating: string[] };
      // The fixture was written as JSON: the report's typed-array cells as the list they were then.
      expect({ ...rest, cells: [...cells] }).toEqual(restBefore);
      // The Exposed view came later (issue 17): these designs forward no port and expose nothing.
      expect(exposed).toEqual([]);
      // The version-1 intents are judged as before; former policies are now judged too, after them.
      expect(intents.slice(0, before[file]!.intents.length)).toEqual(before[file]!.intents);
      expect(violating).toEqual(expect.arrayContaining(violatingBefore));
      expect(v1.version).toBe(1); // the input is left as it was
    });

    it('reads back the same after a save in the new version', () => {
      const read = readTopology(raw(file));
      if (!read.ok) throw new Error('unreadable');
      const again = readTopology(JSON.parse(serializeTopology(read.topology)));
      expect(again.ok && again.topology).toEqual(read.topology);
    });
  });

  it("turns each policy into an intent of its action, after the design's own intents", () => {
    const migrated = migrateDesign(raw('v1-blog-network-with-policies.json'));
    if (!migrated.ok) throw new Error(migrated.problem.message);
    expect(migrated.from).toBe(1);
    expect(migrated.design.policies).toBeUndefined();
    const intents = migrated.design.intents as { kind: string; id: string }[];
    expect(intents.map((i) => `${i.kind} ${i.id}`)).toEqual([
      'internet-only tor-internet-only',
      'allow web-in',
      'deny lan-no-snort',
      'allow www-to-lan-dns',
      'deny no-ping-host',
    ]);
  });

  it('refuses a version newer than it knows, naming the field and the rule', () => {
    const result = readTopology({ ...raw('v1-demo-blog-network.json'), version: TOPOLOGY_VERSION + 1 });
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({ rule: 'document.version', path: ['version'] }),
    ]);
    expect(!result.ok && result.problems[0]!.message).toMatch(/"version".*rule document\.version.*Upgrade Patchbay/);
  });

  it('refuses a version that is not one', () => {
    for (const version of [0, 1.5, '1', null, undefined]) {
      const result = migrateDesign({ format: 'patchbay.topology', version });
      expect(!result.ok && result.problem).toMatchObject({ rule: 'document.version', path: ['version'] });
    }
  });

  it('leaves a malformed policy for the schema to report where it now stands', () => {
    const v1 = {
      ...raw('v1-template-lab.json'),
      policies: [
        { id: 'odd', action: 'maybe', from: { kind: 'stack', id: 'host' }, to: { kind: 'stack', id: 'host' } },
      ],
    };
    const result = readTopology(v1);
    expect(!result.ok && result.problems[0]!.path.slice(0, 3)).toEqual(['intents', 0, 'kind']);
  });
});
