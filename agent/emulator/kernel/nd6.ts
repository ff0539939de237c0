import type { Ifnet } from '../state';

// The per-interface ND6 flags (nd_ifinfo flags): sys/netinet6/nd6.h ND6_IFF_*, defined once here
// for the kernel model (kernel/interfaces.ts), ifconfig's nd6 words (commands/ifconfig/parameters.ts)
// and the `nd6 options=` line (ifconfig-format.ts).

export const ND6_IFF_PERFORMNUD = 0x1;
export const ND6_IFF_ACCEPT_RTADV = 0x2;
export const ND6_IFF_PREFER_SOURCE = 0x4;
export const ND6_IFF_IFDISABLED = 0x8;
export const ND6_IFF_DONT_SET_IFROUTE = 0x10;
export const ND6_IFF_AUTO_LINKLOCAL = 0x20;
export const ND6_IFF_NO_RADR = 0x40;
export const ND6_IFF_NO_PREFER_IFACE = 0x80;
export const ND6_IFF_NO_DAD = 0x100;

/**
 * The ND6 flags an interface starts with, as the fixtures print them (lo0 21, bridge 9, others 29):
 * sys/netinet6/nd6.c nd6_ifattach() (F) gives PERFORMNUD, IFDISABLED to all but loopback interfaces,
 * AUTO_LINKLOCAL to loopback ones and, with net.inet6.ip6.auto_linklocal (default 1), to all but
 * IFT_BRIDGE (and IFT_WIREGUARD); ACCEPT_RTADV and NO_RADR only with sysctls left at 0 here.
 */
function defaultNd6(ifnet: Ifnet): number {
  if (ifnet.kind === 'loopback') return ND6_IFF_PERFORMNUD | ND6_IFF_AUTO_LINKLOCAL;
  if (ifnet.kind === 'bridge') return ND6_IFF_PERFORMNUD | ND6_IFF_IFDISABLED;
  return ND6_IFF_PERFORMNUD | ND6_IFF_IFDISABLED | ND6_IFF_AUTO_LINKLOCAL;
}

/** The interface's ND6 flags (nd_ifinfo flags): what nd6_ifattach() gave it unless changed since. */
export function nd6Flags(ifnet: Ifnet): number {
  return ifnet.nd6 ?? defaultNd6(ifnet);
}
