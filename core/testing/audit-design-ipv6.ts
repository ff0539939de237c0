import type { Topology } from '../topology/schema';
import { auditDesign } from './audit-design';

/**
 * The audit benchmark's network (audit-design.ts) made dual-stack: the LAN 2001:db8:1::/48 with the
 * host at 2001:db8:1::10 and its IPv6 default route via fe80::1%ixl0, bridge b carrying
 * 2001:db8:1:<b+1>::/64 for its jails (::2 upwards, default route via ::1), and inet6 rules beside
 * the IPv4 ones: ssh from the internet closed on every tenth bridge, https open to all.
 */
export function dualStackAuditDesign(bridges = 100, perBridge = 10): Topology {
  const topology = auditDesign(bridges, perBridge);
  const prefix = (b: number) => `2001:db8:1:${(b + 1).toString(16)}`;
  const lan = topology.segments.find((s) => s.kind === 'lan')!;
  if (lan.kind === 'lan') lan.cidr6 = '2001:db8:1::/48';
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.forwarding.ipv6 = true;
  host.defaultGateway.ipv6 = 'fe80::1%ixl0';
  host.interfaces.find((i) => i.name === 'ixl0')!.addresses.push('2001:db8:1::10/64');
  const rules: string[] = ['pass in quick on ixl0 inet6 proto tcp from any to any port 443 keep state'];
  for (let b = 0; b < bridges; b++) {
    host.interfaces.find((i) => i.name === `bridge${b}`)!.addresses.push(`${prefix(b)}::1/64`);
    if (b % 10 === 0) rules.push(`block drop in on ixl0 inet6 proto tcp from any to ${prefix(b)}::/64 port 22`);
  }
  for (const jail of topology.stacks) {
    const match = /^j(\d+)_(\d+)$/.exec(jail.id);
    if (!match) continue;
    const [b, j] = [Number(match[1]), Number(match[2])];
    jail.interfaces.find((i) => i.kind === 'epair')!.addresses.push(`${prefix(b)}::${(j + 2).toString(16)}/64`);
    jail.defaultGateway.ipv6 = `${prefix(b)}::1`;
  }
  host.pf!.rules = `${host.pf!.rules}\n${rules.join('\n')}`;
  return topology;
}
