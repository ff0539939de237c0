import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audited, diffAudited } from '../../core/audit/diff';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import { auditReport } from '../../core/audit/report';
import { auditShape, buildAuditTopology } from '../../core/testing/arbitrary-audit';
import { ipv6Layer, withIpv6 } from '../../core/testing/arbitrary-ipv6';
import type { Intent, Topology } from '../../core/topology/schema';
import { AuditOutputSchema, type AuditOutput } from '../../core/wire/cli-audit';
import { memoryIo } from '../common/io';
import { runCli } from '../run';
import { designFolder } from '../testing/designs';

// `patchbay audit --json` says what core's auditReport says, for random networks (core's audit
// generators, IPv6 laid over some, random intents that often contradict the rules): every cell's
// verdict in both families, the intents and which are broken, the Exposed view, the exit code; and
// with --against, the changed pairs of core's differential audit. Run in process (runCli, the code
// the bundle is built from): a spawn per case would make a hundred cases take minutes.

const KINDS = ['isolated', 'internet-only', 'lan-only', 'unreachable', 'may-reach'] as const;

const intentsOf = (jails: number) =>
  fc.array(fc.record({ kind: fc.constantFrom(...KINDS), jail: fc.nat(jails - 1), other: fc.nat(jails - 1) }), {
    maxLength: 3,
  });

const design = auditShape.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    six: fc.option(ipv6Layer, { nil: undefined }),
    intents: intentsOf(shape.jails.length),
  }),
);

type Drawn = typeof design extends fc.Arbitrary<infer T> ? T : never;

function build(drawn: Drawn): Topology {
  const plain = buildAuditTopology(drawn.shape);
  const topology = drawn.six ? withIpv6(plain, drawn.six) : plain;
  topology.intents = drawn.intents.map(({ kind, jail, other }, k): Intent =>
    kind === 'may-reach'
      ? {
          kind,
          id: `i${k}`,
          from: { kind: 'stack', id: `j${jail}` },
          to: { kind: 'stack', id: `j${other}` },
          protocol: 'any',
          ports: [],
        }
      : { kind, id: `i${k}`, subject: { kind: 'stack', id: `j${jail}` } },
  );
  return topology;
}

async function cliJson(
  files: Record<string, Topology>,
  args: string[],
): Promise<{ code: number; output: AuditOutput }> {
  const io = memoryIo({ cwd: designFolder(files) });
  const code = await runCli(['audit', ...args, '--json'], io);
  return { code, output: AuditOutputSchema.parse(JSON.parse(io.out())) };
}

describe('patchbay audit --json', () => {
  it("round-trips core's report: every cell, the intents, the Exposed view and the exit code", async () => {
    await fc.assert(
      fc.asyncProperty(design, async (drawn) => {
        const topology = build(drawn);
        const { code, output } = await cliJson({ 'd.json': topology }, ['d.json']);
        const core = auditReport(topology);
        if (output.mode !== 'report') throw new Error('not a report');
        const broken = core.intents.some((i) => !i.holds);
        expect(code).toBe(broken ? 1 : 0);
        expect(output.ok).toBe(!broken);
        expect(output.jails).toEqual(core.jails);
        const width = core.columns.length;
        const expected = core.jails.flatMap((jail, row) =>
          core.columns.flatMap((column, col) => {
            const at = row * width + col;
            const ipv4 = verdictOfCode(core.cells[at]!);
            if (ipv4 === 'self') return [];
            const ipv6 = core.cells6 ? familyVerdictOfCode(core.cells6[at]!) : undefined;
            return [{ jail: jail.name, column: column.label, ipv4, ...(ipv6 ? { ipv6 } : {}) }];
          }),
        );
        expect(output.matrix).toEqual(expected);
        expect(output.ipv6).toBe(core.cells6 !== undefined);
        expect(output.intents).toEqual(core.intents);
        expect(output.exposed.map(({ text: _, ...entry }) => entry)).toEqual(core.exposed);
        expect(output.notes).toEqual(core.notes);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it("gives --against's changed pairs as core's differential audit does", async () => {
    await fc.assert(
      fc.asyncProperty(design, design, async (before, after) => {
        const [old, now] = [build(before), build(after)];
        const { output } = await cliJson({ 'old.json': old, 'new.json': now }, ['new.json', '--against', 'old.json']);
        if (output.mode !== 'report') throw new Error('not a report');
        const changes = output.changes!;
        const pairs = changes.pairs.map(({ reason: _, rule: __, ...pair }) => pair);
        const all = diffAudited(
          audited({ topology: old, patchbay: 'from-design' }),
          audited({ topology: now, patchbay: 'from-design' }),
        );
        expect(pairs).toEqual(all);
        const core = auditReport(now, 'from-design', old).sinceSaved!;
        expect(changes.count).toBe(core.count);
        expect(pairs.slice(0, core.changes.length)).toEqual(core.changes);
        for (const kind of ['gained', 'lost', 'changed'] as const) {
          const ofKind = changes.pairs.filter((p) => p.kind === kind);
          expect(ofKind.slice(0, 100).every((p) => p.reason !== undefined)).toBe(true);
          expect(ofKind.slice(100).every((p) => p.reason === undefined)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
