import { isLinkLocal, type Cidr } from '../net/ip';
import type { Interface, Stack } from './schema';

/**
 * Addresses the kernel gives an interface by itself when it comes up: not configuration, so
 * discovery leaves them out of what it reads (agent/discovery/to-interfaces.ts), and a design may not
 * ask for them (a plan adding one would never be done). sys/netinet6/in6_ifattach.c in6_ifattach():
 * a link-local address on every interface with ND6_IFF_AUTO_LINKLOCAL, and ::1/128 on the loopback
 * (docs/freebsd/ifconfig.md), here a jail's lo0, which Patchbay brings up in every jail.
 * Says which of the two `address` is, or undefined when it is neither.
 */
export function kernelMadeAddress(
  stackKind: Stack['kind'],
  iface: Pick<Interface, 'kind' | 'name'>,
  address: Cidr,
): 'link-local' | 'loopback' | undefined {
  if (address.family !== 6) return undefined;
  if (isLinkLocal({ family: 6, value: address.address })) return 'link-local';
  if (
    address.address === 1n &&
    address.prefix === 128 &&
    iface.kind === 'loopback' &&
    iface.name === 'lo0' &&
    stackKind === 'jail'
  )
    return 'loopback';
  return undefined;
}
