import type { FreebsdRelease, InterfaceKind } from '../topology/schema';
import { interfaceLabel, problem, type ValidationContext } from './context';
import type { Problem } from './problem';

// What SIOCSIFMTU accepts, per kind of interface. Sources (docs/freebsd/ifconfig.md §6.3–6.4, and
// docs/freebsd.md §1.4): sys/net/if.c ifhwioctl() refuses anything outside IF_MINMTU..IF_MAXMTU
// (72..65535, sys/net/if_var.h) with EINVAL before the driver is asked; then
// - epair: if_epair.c epair_ioctl() takes any value ("We basically allow all kinds of MTUs");
// - loopback: if_loop.c loioctl() takes any value;
// - bridge: if_bridge.c bridge_ioctl() refuses below 576 (read at a post-14.0 main revision and in
//   an older one; not read at 13.x or 15.0 exactly, so assumed the same on 13, 14 and 15);
// - physical: the driver decides. ether_ioctl() (if_ethersubr.c) refuses above ETHERMTU (1500);
//   drivers with jumbo frames (em, ix, vtnet, …) answer SIOCSIFMTU themselves with their own
//   limit, which a design cannot know, so above 1500 is a warning, not an error.
// No release difference was found for these limits between 13, 14 and 15.

export const IF_MINMTU = 72;
export const IF_MAXMTU = 65535;
const BRIDGE_MINMTU = 576;
const ETHERMTU = 1500;

/** The MTUs the kernel accepts for an interface of this kind (the release is kept for when they differ). */
export function mtuRange(kind: InterfaceKind, _release: FreebsdRelease = '14'): { min: number; max: number } {
  return { min: kind === 'bridge' ? BRIDGE_MINMTU : IF_MINMTU, max: IF_MAXMTU };
}

const NOUN: Record<InterfaceKind, string> = {
  bridge: 'a bridge',
  epair: 'an epair',
  loopback: 'a loopback',
  physical: 'a NIC',
};

const SOURCE: Record<InterfaceKind, string> = {
  bridge: 'if_bridge.c refuses a bridge MTU below 576; ifhwioctl refuses above 65535',
  epair: 'ifhwioctl accepts 72 to 65535 (IF_MINMTU, IF_MAXMTU)',
  loopback: 'ifhwioctl accepts 72 to 65535 (IF_MINMTU, IF_MAXMTU)',
  physical: 'ifhwioctl accepts 72 to 65535 (IF_MINMTU, IF_MAXMTU)',
};

/**
 * Why FreeBSD would refuse this MTU on this kind of interface, in words, or undefined when it
 * accepts it. Used by validate() and by the inspector's MTU field, so both say the same.
 */
export function mtuRefusal(kind: InterfaceKind, mtu: number, release?: FreebsdRelease): string | undefined {
  const { min, max } = mtuRange(kind, release);
  const noun = NOUN[kind];
  if (!Number.isInteger(mtu)) return `MTU must be a whole number from ${min} to ${max} on ${noun}.`;
  if (mtu < min || mtu > max)
    return `MTU ${mtu} is outside ${min}–${max}, what FreeBSD accepts on ${noun} (${SOURCE[kind]}).`;
  return undefined;
}

export function interfaceMtus(ctx: ValidationContext): Problem[] {
  const release = ctx.topology.target.freebsd;
  return ctx.interfaces.flatMap((located) => {
    const { iface, path } = located;
    if (iface.mtu === undefined) return [];
    const at = [...path, 'mtu'];
    const refusal = mtuRefusal(iface.kind, iface.mtu, release);
    if (refusal) return [problem('error', 'interface.mtu.range', at, `${interfaceLabel(located)}: ${refusal}`)];
    if (iface.kind === 'physical' && iface.mtu > ETHERMTU)
      return [
        problem(
          'warning',
          'interface.mtu.jumbo',
          at,
          `${interfaceLabel(located)}: MTU ${iface.mtu} is above 1500; only a driver with jumbo frames accepts it (ether_ioctl refuses more than 1500), so check the NIC's driver.`,
        ),
      ];
    return [];
  });
}
