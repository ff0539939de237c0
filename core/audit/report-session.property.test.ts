import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditShape, buildAuditTopology, type AuditShape } from '../testing/arbitrary-audit';
import type { Intent, JailStack, Topology } from '../topology/schema';
import { auditReport, type AuditReport } from './report';
import { ReportSession } from './report-session';

// The editor's worker answers every edit from a ReportSession; what it shows must be what a full
// audit shows. Random networks (core/testing/arbitrary-audit.ts) with random intents, then random
// edits one after another: readdressing a jail (within its bridge, onto another jail's or the
// host's address, into the LAN, onto a prefix nothing knows), taking its cable down, renaming it,
// moving its gateway, adding or dropping an intent, saving (a new baseline).

type Edit =
  | { kind: 'address'; jail: number; address: string }
  | { kind: 'down'; jail: number }
  | { kind: 'rename'; jail: number; name: string }
  | { kind: 'gateway'; jail: number; gateway: string }
  | { kind: 'intent'; intent: Intent | undefined }
  | { kind: 'save' };

function intents(shape: AuditShape): fc.Arbitrary<Intent> {
  const jail = fc.nat(shape.jails.length - 1).map((j) => ({ kind: 'stack' as const, id: `j${j}` }));
  const bridge = fc.nat(shape.bridges - 1).map((b) => ({ kind: 'network' as const, id: `host:bridge${b}` }));
  const subject = fc.oneof({ weight: 3, arbitrary: jail }, { weight: 1, arbitrary: bridge });
  return fc.oneof(
    fc.record({
      kind: fc.constantFrom('isolated', 'internet-only', 'lan-only', 'unreachable'),
      id: fc.constantFrom('i1', 'i2'),
      subject,
    }) as fc.Arbitrary<Intent>,
    fc.record({
      kind: fc.constant('may-reach'),
      id: fc.constantFrom('i1', 'i3'),
      from: jail,
      to: fc.oneof(jail, fc.constant({ kind: 'segment' as const, id: 'lan' })),
      protocol: fc.constantFrom('any', 'tcp'),
      ports: fc.constantFrom<number[]>([], [22]),
    }) as fc.Arbitrary<Intent>,
  );
}

function edits(shape: AuditShape): fc.Arbitrary<Edit[]> {
  const jail = fc.nat(shape.jails.length - 1);
  const addresses = [
    ...Array.from({ length: shape.bridges }, (_, b) => [1, 2, 3, 4, 9, 77].map((k) => `10.${b}.0.${k}/24`)).flat(),
    // Not the LAN's gateway: a jail holding it sends the full audit round the LAN forever (walk.ts).
    '10.0.0.2/28',
    '10.7.0.5/24',
    '192.168.1.77/24',
    '203.0.113.80/32',
    '10.0.0.8/32',
  ];
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('address' as const), jail, address: fc.constantFrom(...addresses) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('down' as const), jail }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('rename' as const), jail, name: fc.constantFrom('www', 'db', 'jail0') }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('gateway' as const),
        jail,
        gateway: fc.constantFrom('10.0.0.1', '10.0.0.3', '10.1.0.1'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('intent' as const),
        intent: fc.option(intents(shape), { nil: undefined }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'save' as const }) },
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 });
}

// Patchbay's own anchors (compiled from the intents) count only where the host evaluates them: a
// host without pf, or one whose pf.conf hooks them.
const scenario = auditShape.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    hostPf: fc.constantFrom('own', 'hooked', 'none'),
    intents: fc.array(intents(shape), { maxLength: 2 }),
    edits: edits(shape),
  }),
);

function designOf(shape: AuditShape, hostPf: 'own' | 'hooked' | 'none', intents: Intent[]): Topology {
  const topology = {
    ...buildAuditTopology(shape, {
      hostRules: (rules) => (hostPf === 'hooked' ? [...rules, 'anchor "patchbay/*"'] : rules),
    }),
    intents,
  };
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  if (hostPf === 'none') delete host.pf;
  if (hostPf === 'hooked') host.pf = { ...host.pf!, nat: `${host.pf!.nat}\nnat-anchor "patchbay/*"` };
  return topology;
}

function applied(topology: Topology, edit: Edit): Topology {
  const next = structuredClone(topology);
  const jail = (n: number) =>
    next.stacks.filter((s): s is JailStack => s.kind === 'jail')[n % (next.stacks.length - 1)]!;
  const cable = (n: number) => jail(n).interfaces.find((i) => i.kind === 'epair')!;
  switch (edit.kind) {
    case 'address':
      cable(edit.jail).addresses = [edit.address];
      break;
    case 'down':
      cable(edit.jail).up = !cable(edit.jail).up;
      break;
    case 'rename':
      jail(edit.jail).name = edit.name;
      break;
    case 'gateway':
      jail(edit.jail).defaultGateway = { ipv4: edit.gateway };
      break;
    case 'intent':
      next.intents = edit.intent
        ? [...next.intents.filter((i) => i.id !== edit.intent!.id), edit.intent]
        : next.intents.slice(1);
      break;
    case 'save':
      break;
  }
  return next;
}

/** The report without its timing, which is the one field two audits of the same design may differ in. */
const shown = ({ millis: _millis, ...rest }: AuditReport) => rest;

describe('ReportSession', () => {
  it('gives, after every edit, the report a full audit gives', () => {
    let incremental = 0;
    let fulls = 0;
    fc.assert(
      fc.property(scenario, ({ shape, hostPf, intents, edits }) => {
        let topology = designOf(shape, hostPf, intents);
        let baseline = topology;
        let version = 0;
        const session = new ReportSession();
        expect(shown(session.report(topology, 'from-design', baseline, version))).toEqual(
          shown(auditReport(topology, 'from-design', baseline)),
        );
        for (const edit of edits) {
          topology = applied(topology, edit);
          if (edit.kind === 'save') [baseline, version] = [topology, version + 1];
          const report = session.report(topology, 'from-design', baseline, version);
          if (session.lastPath === 'incremental') incremental++;
          else fulls++;
          expect(shown(report), JSON.stringify(edit)).toEqual(shown(auditReport(topology, 'from-design', baseline)));
        }
      }),
      { numRuns: 100 },
    );
    // The fast path must be taken, or the property says nothing about it.
    expect(incremental, `${incremental} incremental, ${fulls} full`).toBeGreaterThan(30);
  }, 60_000);

  it('re-audits only the edited jail when a readdress stays within what the audit knows', () => {
    const shape: AuditShape = {
      bridges: 1,
      jails: [0, 0, 0],
      lan: true,
      internet: true,
      forwarding: true,
      bridgeFilter: undefined,
      hostRules: ['pass all'],
      nat: [],
      jailRules: new Map(),
    };
    const start = buildAuditTopology(shape);
    const session = new ReportSession();
    session.report(start);
    expect(session.lastPath).toBe('full');
    const moved = applied(start, { kind: 'address', jail: 1, address: '10.0.0.9/24' });
    expect(session.report(moved).cells).toEqual(auditReport(moved).cells);
    expect(session.lastPath).toBe('incremental');
    // Onto another jail's address: traffic meant for that jail may now stop here, so a full audit.
    const clash = applied(moved, { kind: 'address', jail: 1, address: '10.0.0.2/24' });
    expect(session.report(clash).cells).toEqual(auditReport(clash).cells);
    expect(session.lastPath).toBe('full');
  });

  it('audits the baseline once per version of it', () => {
    const shape: AuditShape = {
      bridges: 1,
      jails: [0, 0],
      lan: false,
      internet: false,
      forwarding: true,
      bridgeFilter: undefined,
      hostRules: ['pass all'],
      nat: [],
      jailRules: new Map(),
    };
    const start = buildAuditTopology(shape);
    const session = new ReportSession();
    let audits = 0;
    const saved = new Proxy(start, {
      get: (target, key, receiver) => (key === 'stacks' && audits++, Reflect.get(target, key, receiver)),
    });
    session.report(start, 'from-design', saved, 1);
    const after = audits;
    session.report(applied(start, { kind: 'address', jail: 0, address: '10.0.0.9/24' }), 'from-design', saved, 1);
    expect(audits).toBe(after);
    session.report(start, 'from-design', saved, 2);
    expect(audits).toBeGreaterThan(after);
  });
});
