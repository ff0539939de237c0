import type { AuditNetwork } from './network';
import { routableAddresses6 } from './targets';

// Which address families the audit asks about. IPv4 always; IPv6 only where the design has some,
// so an IPv4-only design's matrix, intents and explanations carry no IPv6 half of "no IPv6 here".

/** Whether any stack has an IPv6 address beyond its link, or any LAN an IPv6 prefix. */
export function hasIpv6(net: AuditNetwork): boolean {
  return net.lans.some((l) => l.net6) || net.stacks.some((s) => routableAddresses6(s).length > 0);
}
