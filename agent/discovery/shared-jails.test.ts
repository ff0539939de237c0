import { describe, expect, it } from 'vitest';
import { TOPOLOGY_VERSION, TopologySchema, type Stack } from '../../core/topology/schema';
import { validate } from '../../core/validate/validate';
import { parseJlsParams } from '../freebsd/jls-parse';
import { sharedIpJailStacks } from './shared-jails';

// A Bastille-style host as discovery reads it: lo1 carries the jails' aliases, em0 the host's address
// and one more alias; jls (the form jls.c emit_ip_addr_list prints, see jls-parse.test.ts) lists
// web and db without a vnet and a vnet jail router.
const JLS = `{"__version": "2", "jail-information": {"jail": [${[
  '{"jid":"1","name":"web","vnet":"inherit","parent":"0", "ip4.addr": ["10.17.89.1"], "ip6.addr": []}',
  '{"jid":"2","name":"db","vnet":"inherit","parent":"0", "ip4.addr": ["10.17.89.2", "192.168.1.10"], ' +
    '"ip6.addr": ["2001:db8:1::50"]}',
  '{"jid":"3","name":"lost","vnet":"inherit","parent":"0", "ip4.addr": ["10.99.0.1"], "ip6.addr": []}',
  '{"jid":"4","name":"router","vnet":"new","parent":"0", "ip4.addr": [], "ip6.addr": []}',
].join(', ')}]}}\n`;

function hostStack(): Stack {
  return {
    kind: 'host',
    id: 'host',
    hostname: 'bastille',
    forwarding: { ipv4: false, ipv6: false },
    defaultGateway: { ipv4: '192.168.1.1' },
    staticRoutes: [],
    nat: [],
    interfaces: [
      { kind: 'loopback', id: 'host:lo0', name: 'lo0', up: true, addresses: ['127.0.0.1/8'] },
      {
        kind: 'physical',
        id: 'host:em0',
        name: 'em0',
        up: true,
        addresses: ['192.168.1.10/24', '2001:db8:1::1/64', '2001:db8:1::50/64'],
      },
      { kind: 'loopback', id: 'host:lo1', name: 'lo1', up: true, addresses: ['10.17.89.1/32', '10.17.89.2/32'] },
    ],
  };
}

function read() {
  const host = hostStack();
  const notes: string[] = [];
  const jails = sharedIpJailStacks(parseJlsParams(JLS), [host], (name) => `jail:${name}`, notes);
  return { host, jails, notes };
}

describe('sharedIpJailStacks', () => {
  it('makes a jail with sharedIp for each non-vnet jail, each alias with the interface that carries it', () => {
    const { jails } = read();
    expect(jails.map((j) => [j.id, j.sharedIp])).toEqual([
      ['jail:web', { ip4: [{ interface: 'host:lo1', address: '10.17.89.1/32' }], ip6: [] }],
      [
        'jail:db',
        {
          ip4: [{ interface: 'host:lo1', address: '10.17.89.2/32' }, { address: '192.168.1.10/24' }],
          ip6: [{ interface: 'host:em0', address: '2001:db8:1::50/64' }],
        },
      ],
      ['jail:lost', { ip4: [{ address: '10.99.0.1/32' }], ip6: [] }],
    ]);
    expect(jails.every((j) => j.interfaces.length === 0)).toBe(true);
  });

  it("takes the jails' aliases off the host's interfaces and keeps the primary addresses there", () => {
    const { host } = read();
    expect(Object.fromEntries(host.interfaces.map((i) => [i.name, i.addresses]))).toEqual({
      lo0: ['127.0.0.1/8'],
      em0: ['192.168.1.10/24', '2001:db8:1::1/64'],
      lo1: [],
    });
  });

  it('notes an address no interface carries', () => {
    expect(read().notes).toEqual(["Jail lost's address 10.99.0.1 is on no interface of the stack it shares."]);
  });

  it('gives a design that validates, apart from the address no interface carries', () => {
    const { host, jails } = read();
    const topology = TopologySchema.parse({
      format: 'patchbay.topology',
      version: TOPOLOGY_VERSION,
      name: 'discovered',
      stacks: [host, ...jails],
    });
    expect(validate(topology).map((p) => p.rule)).toEqual(['jail.shared-ip.address.unplaced']);
  });
});
