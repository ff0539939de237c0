import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import { TopologySchema, type Topology } from '../topology/schema';
import { formatPath } from '../validate/problem';
import { validate } from '../validate/validate';
import {
  addBridge,
  addJail,
  addNic,
  addSegment,
  connect,
  remove,
  rename,
  setPositions,
  updateInterface,
  updateStack,
  type Edit,
} from './actions';

function empty(): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: 2,
    name: 'new design',
    stacks: [{ kind: 'host', id: 'host', hostname: 'gateway.example.org' }],
  });
}

/** Runs an edit and hands back the topology and what it created, failing loudly on a refusal. */
function apply(edit: Edit): { topology: Topology; created: string[] } {
  if (!edit.ok) throw new Error(edit.reason);
  return edit;
}

const problems = (t: Topology) => validate(t).map((p) => `${p.severity} ${p.rule} @ ${formatPath(p.path)}`);

describe('editor actions', () => {
  it('draw the blog network from an empty design, and it validates clean', () => {
    let t = empty();
    const nic = apply(addNic(t, { name: 'ixl0' }));
    t = apply(updateInterface(nic.topology, nic.created[0]!, { addresses: ['192.168.1.10/24'] })).topology;
    t = apply(addSegment(t, 'lan')).topology;
    t = apply(addSegment(t, 'internet')).topology;
    const bridge = apply(addBridge(t));
    const bridgeId = bridge.created[0]!;
    t = apply(updateInterface(bridge.topology, bridgeId, { addresses: ['10.0.0.1/24'] })).topology;
    const snort = apply(addJail(t, { name: 'snort-jail', position: { x: 400, y: 0 } }));
    t = apply(connect(snort.topology, snort.created[0]!, bridgeId)).topology;
    const www = apply(addJail(t, { name: 'www-jail' }));
    t = apply(connect(www.topology, bridgeId, www.created[0]!)).topology;
    t = apply(
      updateStack(t, 'host', { forwarding: { ipv4: true, ipv6: false }, defaultGateway: { ipv4: '192.168.1.1' } }),
    ).topology;
    expect(problems(t)).toEqual([]);
    const jails = t.stacks.filter((s) => s.kind === 'jail');
    expect(
      jails.map((j) => [j.name, j.interfaces.map((i) => `${i.name} ${i.addresses.join(',')}`), j.defaultGateway.ipv4]),
    ).toEqual([
      ['snort-jail', ['e0b_snort_jail 10.0.0.2/24'], '10.0.0.1'],
      ['www-jail', ['e0b_www_jail 10.0.0.3/24'], '10.0.0.1'],
    ]);
    const bridge0 = t.stacks[0]!.interfaces.find((i) => i.id === bridgeId);
    expect(bridge0?.kind === 'bridge' && bridge0.members.length).toBe(2);
    expect(t.layout.positions[snort.created[0]!]).toEqual({ x: 400, y: 0 });
  });

  it('makes a direct epair between two jails and moves a NIC into a jail', () => {
    let t = empty();
    const a = apply(addJail(t, { name: 'a' }));
    const b = apply(addJail(a.topology, { name: 'b' }));
    t = apply(connect(b.topology, a.created[0]!, b.created[0]!)).topology;
    expect(t.stacks.map((s) => s.interfaces.map((i) => i.name))).toEqual([[], ['e0a_b'], ['e0b_b']]);
    const nic = apply(addNic(t, { name: 'em1' }));
    t = apply(connect(nic.topology, nic.created[0]!, a.created[0]!)).topology;
    expect(t.stacks[1]!.interfaces.map((i) => i.name)).toEqual(['e0a_b', 'em1']);
    expect(t.stacks[0]!.interfaces).toEqual([]);
  });

  it('says why two things cannot be wired', () => {
    const t = apply(addJail(empty(), { name: 'a' }));
    const edit = connect(t.topology, t.created[0]!, t.created[0]!);
    expect(edit).toEqual({ ok: false, reason: expect.stringMatching(/itself/) });
    expect(addSegment(empty(), 'lan')).toEqual({ ok: false, reason: expect.stringMatching(/NIC first/) });
  });

  it("gives a new jail the Handbook's root, or none when every jail already there is network-only", () => {
    const rootOfNew = (t: Topology) => {
      const edit = apply(addJail(t, { name: 'new' }));
      return edit.topology.stacks.find((s) => s.id === edit.created[0]);
    };
    const first = rootOfNew(empty());
    expect(first?.kind === 'jail' && first.root?.kind).toBe('directory');
    // The demo's jails have no root (they are network-only), like a host opened as a design.
    const beside = rootOfNew(blogNetwork());
    expect(beside?.kind === 'jail' && beside.root).toBeUndefined();
    const rooted = apply(addJail(empty(), { name: 'a' })).topology;
    const second = rootOfNew(rooted);
    expect(second?.kind === 'jail' && second.root?.kind).toBe('directory');
  });

  it('raises children.max on the parent when a jail is nested', () => {
    const parent = apply(addJail(empty(), { name: 'outer' }));
    const child = apply(addJail(parent.topology, { name: 'inner', parent: parent.created[0]! }));
    const outer = child.topology.stacks.find((s) => s.id === parent.created[0]);
    expect(outer?.kind === 'jail' && outer.childrenMax).toBe(1);
    expect(problems(child.topology)).toEqual([]);
  });

  it('removes an epair as one object, a jail with its cables, and gives its NIC back to the host', () => {
    let t = empty();
    const bridge = apply(addBridge(t));
    const jail = apply(addJail(bridge.topology, { name: 'web' }));
    const wired = apply(connect(jail.topology, jail.created[0]!, bridge.created[0]!));
    const [endA] = wired.created;
    const unwired = apply(remove(wired.topology, [`epair:${endA}`])).topology;
    expect(unwired.stacks.flatMap((s) => s.interfaces.map((i) => i.name))).toEqual(['bridge0']);
    const bridge0 = unwired.stacks[0]!.interfaces[0]!;
    expect(bridge0.kind === 'bridge' && bridge0.members).toEqual([]);
    const nic = apply(addNic(wired.topology, { name: 'em1' }));
    t = apply(connect(nic.topology, nic.created[0]!, jail.created[0]!)).topology;
    const gone = apply(remove(t, [jail.created[0]!])).topology;
    expect(gone.stacks.map((s) => s.kind)).toEqual(['host']);
    expect(gone.stacks[0]!.interfaces.map((i) => i.name).sort()).toEqual(['bridge0', 'em1']);
    expect(problems(gone)).toEqual([]);
  });

  it('drops the intents about what it removes and keeps the others', () => {
    const t = blogNetwork();
    t.intents.push(
      { kind: 'internet-only', id: 'tor-out', subject: { kind: 'stack', id: 'tor' } },
      { kind: 'lan-only', id: 'jails-lan', subject: { kind: 'network', id: 'host:bridge0' } },
      {
        kind: 'may-reach',
        id: 'lan-www',
        from: { kind: 'segment', id: 'lan' },
        to: { kind: 'stack', id: 'www' },
        protocol: 'tcp',
        ports: [443],
      },
      {
        kind: 'may-reach',
        id: 'www-tor',
        from: { kind: 'stack', id: 'www' },
        to: { kind: 'stack', id: 'tor' },
        protocol: 'any',
        ports: [],
      },
    );
    expect(problems(t)).toEqual([]);
    const noTor = apply(remove(t, ['tor'])).topology;
    expect(noTor.intents.map((i) => i.id)).toEqual(['jails-lan', 'lan-www']);
    expect(problems(noTor)).toEqual([]);
    const noBridge = apply(remove(noTor, ['host:bridge0'])).topology;
    expect(noBridge.intents.map((i) => i.id)).toEqual(['lan-www']);
    const noLan = apply(remove(noBridge, ['lan'])).topology;
    expect(noLan.intents).toEqual([]);
  });

  it('renames and moves without touching anything else', () => {
    const jail = apply(addJail(empty(), { name: 'a' }));
    const renamed = apply(rename(jail.topology, jail.created[0]!, 'b.c')).topology;
    expect(problems(renamed)).toEqual([expect.stringMatching(/jail.name.dot/)]);
    const moved = setPositions(renamed, { [jail.created[0]!]: { x: 1, y: 2 } });
    expect(moved.stacks).toBe(renamed.stacks);
  });

  it('leaves nothing dangling, whatever is removed (property)', () => {
    fc.assert(
      fc.property(validTopology, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (topology, picks) => {
        const ids = [
          ...topology.stacks.filter((s) => s.kind === 'jail').map((s) => s.id),
          ...topology.stacks.flatMap((s) => s.interfaces.map((i) => i.id)),
          ...topology.segments.map((s) => s.id),
        ];
        const chosen = picks.map((p) => ids[p % ids.length]!);
        const after = apply(remove(topology, chosen)).topology;
        expect(TopologySchema.safeParse(after).success).toBe(true);
        const dangling = validate(after).filter((p) => /missing|peer\.|layout\.unknown/.test(p.rule));
        expect(dangling).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never changes the topology it is given (property)', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object') {
        Object.freeze(value);
        for (const inner of Object.values(value)) deepFreeze(inner);
      }
      return value;
    };
    fc.assert(
      fc.property(validTopology, fc.nat(), (topology, pick) => {
        const frozen = deepFreeze(structuredClone(topology));
        const ids = [...frozen.stacks.map((s) => s.id), ...frozen.stacks.flatMap((s) => s.interfaces.map((i) => i.id))];
        const id = ids[pick % ids.length]!;
        addJail(frozen);
        addBridge(frozen);
        connect(frozen, id, ids[(pick + 1) % ids.length]!);
        remove(frozen, [id]);
        rename(frozen, id, 'x');
        expect(frozen).toEqual(topology);
      }),
      { numRuns: 100 },
    );
  });
});

describe('nesting through the inspector', () => {
  it('raises children.max on the new parent, and un-nests cleanly', () => {
    const outer = apply(addJail(empty(), { name: 'outer' }));
    const inner = apply(addJail(outer.topology, { name: 'inner' }));
    const nested = apply(updateStack(inner.topology, inner.created[0]!, { parent: outer.created[0]! })).topology;
    expect(problems(nested)).toEqual([]);
    expect(nested.stacks.find((s) => s.id === outer.created[0]!)).toMatchObject({ childrenMax: 1 });
    const flat = apply(updateStack(nested, inner.created[0]!, { parent: undefined })).topology;
    expect(flat.stacks.find((s) => s.id === inner.created[0]!)).not.toHaveProperty('parent');
    expect(updateStack(flat, 'host', { parent: 'x' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/host has neither/),
    });
  });
});
