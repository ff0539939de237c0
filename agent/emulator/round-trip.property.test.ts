import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIPv4, formatIPv6 } from '../../core/net/ip';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import { FreebsdEmulator } from './emulator';
import { interfacesIn, type HostState } from './state';

// Random host states, built through commands (some of which FreeBSD refuses, as it would), must
// print in formats that parse back to exactly the state the emulator holds.

const octet = fc.integer({ min: 1, max: 254 });
const op = fc.oneof(
  fc.constant({ kind: 'bridge' as const }),
  fc.constant({ kind: 'epair' as const }),
  fc.record({
    kind: fc.constant('inet' as const),
    target: fc.nat(),
    a: octet,
    b: octet,
    prefix: fc.integer({ min: 8, max: 30 }),
    alias: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('inet6' as const),
    target: fc.nat(),
    group: fc.integer({ min: 1, max: 0xffff }),
    prefix: fc.integer({ min: 48, max: 128 }),
  }),
  fc.record({
    kind: fc.constant('describe' as const),
    target: fc.nat(),
    text: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.,:-]{0,30}[A-Za-z0-9]$/),
  }),
  fc.record({ kind: fc.constant('mtu' as const), target: fc.nat(), mtu: fc.constantFrom(1280, 1500, 9000) }),
  fc.record({ kind: fc.constant('updown' as const), target: fc.nat(), up: fc.boolean() }),
  fc.record({ kind: fc.constant('addm' as const), bridge: fc.nat(), target: fc.nat() }),
  fc.record({
    kind: fc.constant('rename' as const),
    target: fc.nat(),
    name: fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/),
  }),
  fc.record({ kind: fc.constant('jail' as const), target: fc.nat() }),
  fc.record({
    kind: fc.constant('count' as const),
    target: fc.nat(),
    value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  }),
);

function apply(e: FreebsdEmulator, ops: { kind: string; [k: string]: unknown }[]) {
  let jails = 0;
  const pick = (n: unknown, kind?: string) => {
    const all = interfacesIn(e.state, 0).filter(
      (i) => i.kind !== 'loopback' && (kind === undefined || i.kind === kind),
    );
    return all.length ? all[Number(n) % all.length]! : undefined;
  };
  for (const o of ops) {
    const target = pick(o.target);
    const run = (...argv: string[]) => e.runSync({ argv });
    switch (o.kind) {
      case 'bridge':
        run('ifconfig', 'bridge', 'create');
        break;
      case 'epair':
        run('ifconfig', 'epair', 'create');
        break;
      case 'inet':
        if (target)
          run('ifconfig', target.name, 'inet', `10.${o.a}.${o.b}.1/${o.prefix}`, ...(o.alias ? ['alias'] : []));
        break;
      case 'inet6':
        if (target)
          run('ifconfig', target.name, 'inet6', `fd00:${Number(o.group).toString(16)}::1/${o.prefix}`, 'alias');
        break;
      case 'describe':
        if (target) run('ifconfig', target.name, 'description', String(o.text));
        break;
      case 'mtu':
        if (target) run('ifconfig', target.name, 'mtu', String(o.mtu));
        break;
      case 'updown':
        if (target) run('ifconfig', target.name, o.up ? 'up' : 'down');
        break;
      case 'addm': {
        const bridge = pick(o.bridge, 'bridge');
        if (bridge && target) run('ifconfig', bridge.name, 'addm', target.name);
        break;
      }
      case 'rename':
        if (target) run('ifconfig', target.name, 'name', String(o.name));
        break;
      case 'jail':
        if (target && target.kind !== 'bridge')
          run('jail', '-c', `name=j${jails++}`, 'persist', 'vnet', `vnet.interface=${target.name}`);
        break;
      case 'count':
        if (target) target.counters.obytes = o.value as bigint;
        break;
    }
  }
}

function expected(state: HostState, vnet: number) {
  return interfacesIn(state, vnet).map((i) => ({
    name: i.name,
    up: i.up,
    mtu: i.mtu,
    ether: i.mac,
    description: i.description,
    inet: i.addresses.filter((a) => a.family === 4).map((a) => `${formatIPv4(a.value)}/${a.prefix}`),
    inet6: i.addresses.filter((a) => a.family === 6).map((a) => `${formatIPv6(a.value)}/${a.prefix}`),
    members: [...i.members].reverse().map((m) => state.ifnets.get(m)!.name),
    obytes: i.counters.obytes,
  }));
}

describe('emulator output parses back to its state', () => {
  it('holds for random command sequences, in every vnet', () => {
    fc.assert(
      fc.property(fc.constantFrom('13', '14', '15' as const), fc.array(op, { maxLength: 40 }), (release, ops) => {
        const e = new FreebsdEmulator({ release, nics: [{ name: 'em0' }, { name: 'igb1' }], bridgePfilDefault15: 1 });
        apply(e, ops);
        for (const vnet of e.state.vnets.keys()) {
          const jail = [...e.state.jails.values()].find((j) => j.vnet === vnet);
          const inJail = jail ? { jail: jail.name } : {};
          const parsed = parseIfconfig(e.runSync({ argv: ['ifconfig', '-a'], ...inJail }).stdout);
          const counters = new Map(
            parseNetstatInterfaces(
              e.runSync({ argv: ['netstat', '-i', '-b', '-n', '--libxo', 'json'], ...inJail }).stdout,
            ).map((c) => [c.name, c.sentBytes]),
          );
          const actual = parsed.map((p) => ({
            name: p.name,
            up: p.flags.includes('UP'),
            mtu: p.mtu,
            ether: p.ether,
            description: p.description,
            inet: p.inet.map((a) => `${a.address}/${a.prefix}`),
            // Link-local addresses (lo0's fe80::1, the automatic ones) are held in the state like the others.
            inet6: p.inet6.map((a) => `${a.address}/${a.prefix}`),
            members: p.bridge?.members.map((m) => m.name) ?? [],
            obytes: counters.get(p.name),
          }));
          expect(actual).toEqual(expected(e.state, vnet));
        }
      }),
      { numRuns: 200 },
    );
  });
});
