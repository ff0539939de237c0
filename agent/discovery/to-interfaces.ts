import { parseIp } from '../../core/net/ip';
import { kernelEpairName } from '../../core/topology/cable';
import { DEFAULT_MTU } from '../../core/topology/defaults';
import { kernelMadeAddress } from '../../core/topology/kernel-addresses';
import { readDescription, type CableNames } from '../../core/topology/ownership';
import type { Interface, Stack } from '../../core/topology/schema';
import type { IfconfigInterface } from '../freebsd/types';

// From parsed `ifconfig` blocks to the core model's interfaces of one stack. Epair peers are left
// for the caller, who sees every stack at once (ends may sit in different stacks).

export interface ReadInterface {
  iface: Interface;
  owned: boolean;
  /** The parsed block, for pairing epairs by MAC. */
  raw: IfconfigInterface;
  /** The cable Patchbay's mark in the description names, read once here for pairing epairs. */
  cable?: CableNames;
}

function interfaceId(stackId: string, name: string): string {
  return `${stackId}:${name}`;
}

function kindOf(raw: IfconfigInterface): Interface['kind'] {
  if (raw.groups.includes('bridge')) return 'bridge';
  if (raw.groups.includes('epair')) return 'epair';
  if (raw.groups.includes('lo') || raw.flags.includes('LOOPBACK')) return 'loopback';
  return 'physical';
}

function addressesOf(raw: IfconfigInterface, stackKind: Stack['kind'], kind: Interface['kind']): string[] {
  const v4 = raw.inet.map((a) => `${a.address}/${a.prefix}`);
  // Addresses the kernel made itself (link-local ones, a jail's ::1) are not configuration; the model leaves them out.
  const v6 = raw.inet6.filter((a) => {
    const ip = parseIp(a.address);
    return !(
      ip.ok &&
      kernelMadeAddress(
        stackKind,
        { kind, name: raw.name },
        { family: ip.value.family, address: ip.value.value, prefix: a.prefix },
      )
    );
  });
  return [...v4, ...v6.map((a) => `${a.address}/${a.prefix}`)];
}

/**
 * The end an epair interface is: by kernel name (epairNa), else by Patchbay's mark (which names the
 * cable's a and b ends), else by the MAC's last byte (0a/0b, docs/freebsd.md §2.4).
 */
function epairEnd(raw: IfconfigInterface, cable: CableNames | undefined): 'a' | 'b' | undefined {
  const byName = kernelEpairName(raw.name)?.end;
  if (byName) return byName;
  if (cable?.a === raw.name) return 'a';
  if (cable?.b === raw.name) return 'b';
  const lastByte = raw.ether?.slice(-2);
  return lastByte === '0a' ? 'a' : lastByte === '0b' ? 'b' : undefined;
}

/**
 * Groups the kernel puts an interface in by itself, never the admin's: `all` (if_attach_internal()
 * in sys/net/if.c), the cloner's name (if_clone_attach() / ifc_create in sys/net/if_clone.c adds
 * `epair`, `bridge`, `lo`, `vlan`, ... and renaming keeps it), and pf's `egress`. The cloner is
 * also recognised as the name's letters before its unit number (`tun0` → `tun`).
 */
const KERNEL_GROUPS = new Set([
  'all',
  'egress',
  'epair',
  'bridge',
  'lo',
  'vlan',
  'lagg',
  'tun',
  'tap',
  'wg',
  'gif',
  'gre',
  'vxlan',
  'stf',
  'enc',
  'ipsec',
  'pflog',
  'pfsync',
  'ovpnc',
  'ovpns',
  'me',
]);

/** The admin's own groups (ifconfig IF group NAME), as ifconfig's `groups:` line lists them. */
export function userGroups(raw: Pick<IfconfigInterface, 'name' | 'groups'>): string[] {
  const unitless = /^([a-z]+)[0-9]/.exec(raw.name)?.[1];
  return raw.groups.filter((g) => !KERNEL_GROUPS.has(g) && g !== unitless);
}

export function toInterface(stackId: string, raw: IfconfigInterface): ReadInterface {
  const kind = kindOf(raw);
  const { owned, description, cable } = readDescription(raw.description);
  const base = {
    id: interfaceId(stackId, raw.name),
    name: raw.name,
    ...(description !== undefined ? { description } : {}),
    ...(raw.mtu !== DEFAULT_MTU[kind] ? { mtu: raw.mtu } : {}),
    ...(raw.ether ? { mac: raw.ether } : {}),
    up: raw.flags.includes('UP'),
    addresses: addressesOf(raw, stackId === 'host' ? 'host' : 'jail', kind),
    ...(userGroups(raw).length ? { groups: userGroups(raw) } : {}),
  };
  const iface: Interface =
    kind === 'bridge'
      ? { ...base, kind, members: [...(raw.bridge?.members ?? [])].reverse().map((m) => interfaceId(stackId, m.name)) }
      : kind === 'epair'
        ? { ...base, kind, end: epairEnd(raw, cable) ?? 'a', peer: '' }
        : { ...base, kind };
  return { iface, owned, raw, ...(cable ? { cable } : {}) };
}
