import { describe, expect, it } from 'vitest';
import { parseAddr } from '../net/addr';
import { bastilleDesign } from '../testing/bastille-design';
import type { Topology } from '../topology/schema';
import { Auditor } from './audit';
import { primaryAddress, routableAddresses6 } from './targets';

// Where a jail is asked at, per family. A shared-IP jail shares its parent's interfaces, so the
// addresses on them are the parent's: the jail is asked at its own (jail(8) ip4.addr / ip6.addr).

const six = (text: string) => parseAddr(text)!.address;

/** The Bastille-style host with IPv6 on em0, and web holding 2001:db8:5::1 on lo1 (db stays IPv4-only). */
function bastilleDualStack(): Topology {
  const topology = bastilleDesign();
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.interfaces.find((i) => i.name === 'em0')!.addresses.push('2001:db8:1::10/64', 'fe80::10/64');
  const web = topology.stacks.find((s) => s.id === 'web')!;
  if (web.kind === 'jail' && web.sharedIp) web.sharedIp.ip6 = [{ interface: 'host:lo1', address: '2001:db8:5::1/128' }];
  const lan = topology.segments.find((s) => s.kind === 'lan')!;
  if (lan.kind === 'lan') lan.cidr6 = '2001:db8:1::/48';
  return topology;
}

describe('routableAddresses6', () => {
  it("gives a shared-IP jail its own IPv6 addresses, never the host's", () => {
    const net = new Auditor(bastilleDualStack()).net;
    expect(routableAddresses6(net.stackById.get('host')!)).toEqual([six('2001:db8:1::10')]);
    expect(routableAddresses6(net.stackById.get('web')!)).toEqual([six('2001:db8:5::1')]);
    expect(routableAddresses6(net.stackById.get('db')!)).toEqual([]);
    expect(primaryAddress(net.stackById.get('web')!)).toBe(0x0a115901);
  });

  it('aims the IPv6 question at the jail, and an IPv6-less shared-IP jail has no IPv6 here', () => {
    const auditor = new Auditor(bastilleDualStack());
    const toWeb = auditor.pair({ kind: 'lan', id: 'lan' }, { kind: 'stack', id: 'web' }, { family: 6 });
    expect(toWeb.address).toBe('2001:db8:5::1');
    // Sent from web's own address (before the fix, from the host's, which web does not hold).
    const webToHost = auditor.pair({ kind: 'stack', id: 'web' }, { kind: 'host' }, { family: 6, trace: true });
    expect(webToHost.explained?.forward.src).toBe(six('2001:db8:5::1'));
    expect(webToHost.verdict).toBe('reachable');
    const fromDb = auditor.pair({ kind: 'stack', id: 'db' }, { kind: 'lan', id: 'lan' }, { family: 6 });
    expect(fromDb.noIpv6).toBe(true);
    const toDb = auditor.pair({ kind: 'stack', id: 'web' }, { kind: 'stack', id: 'db' }, { family: 6 });
    expect(toDb.noIpv6).toBe(true);
  });
});
