import type { Settings } from './interface-steps';
import type { HostValues } from './types';

// What differs between an interface's settings on the host and in the design, field by field, in
// words a refusal can quote ("the design's ixl0 has no description; the host's says 'uplink'"), and
// which of those differences can cut a host off its network when the interface is its uplink.

export type SettingField = 'description' | 'mtu' | 'mac' | 'addresses' | 'up' | 'groups';

export interface SettingDifference {
  field: SettingField;
  words: string;
}

const quoted = (text: string) => `'${text}'`;
const list = (addresses: readonly string[]) => addresses.join(', ');

/** Each field `host` and `design` disagree on, host first in the order ifconfig would change them. */
export function settingDifferences(name: string, host: Settings, design: Settings): SettingDifference[] {
  const found: SettingDifference[] = [];
  if (design.mac !== undefined && host.mac !== design.mac)
    found.push({
      field: 'mac',
      words: `the design's ${name} has MAC ${design.mac}; the host's has ${host.mac ?? 'none'}`,
    });
  const added = design.addresses.filter((a) => !host.addresses.includes(a));
  const removed = host.addresses.filter((a) => !design.addresses.includes(a));
  if (added.length || removed.length)
    found.push({
      field: 'addresses',
      words: `the design gives ${name} ${list(design.addresses) || 'no address'}; the host has ${list(host.addresses) || 'none'}`,
    });
  if (host.mtu !== design.mtu)
    found.push({ field: 'mtu', words: `the design's ${name} has MTU ${design.mtu}; the host's has ${host.mtu}` });
  if (host.description !== design.description)
    found.push({
      field: 'description',
      words: `the design's ${name} has ${design.description === undefined ? 'no description' : `the description ${quoted(design.description)}`}; the host's ${host.description === undefined ? 'has none' : `says ${quoted(host.description)}`}`,
    });
  if (host.groups.join(' ') !== design.groups.join(' '))
    found.push({
      field: 'groups',
      words: `the design puts ${name} in ${design.groups.length ? `the groups ${list(design.groups)}` : 'no group'}; on the host it is in ${list(host.groups) || 'none'}`,
    });
  if (host.up !== design.up)
    found.push({
      field: 'up',
      words: `the design has ${name} ${design.up ? 'up' : 'down'}; on the host it is ${host.up ? 'up' : 'down'}`,
    });
  return found;
}

/**
 * Whether changing `field` on the interface the host's default route or the agent's connection uses
 * can cut the host off. A description cannot: ifconfig's `description` is the SIOCSIFDESCR ioctl, and
 * the kernel only swaps the interface's description string and its last-change time for it, without
 * calling the driver or touching addresses or flags (sys/net/if.c, ifioctl(), case SIOCSIFDESCR).
 * Addresses, MTU (SIOCSIFMTU goes to the driver, which may reinitialise the link), MAC and up/down
 * all can. So can groups: pf rules written `on GROUP` match an interface by its groups
 * (pf_if.c pfi_kif_match()), so joining or leaving one can change which rules pass the admin's way in.
 */
export function canCutOff(field: SettingField): boolean {
  return field !== 'description';
}

/**
 * The host's values of the given fields, for the design to take. `description` is the text without
 * Patchbay's mark (the settings hold it as the kernel does; the planner adds the mark when it writes).
 */
export function hostValuesOf(
  at: { stack: string; name: string; description: string | undefined },
  host: Settings,
  fields: readonly SettingField[],
): HostValues {
  const values: HostValues['values'] = {};
  for (const field of fields) {
    if (field === 'description') values.description = at.description ?? null;
    else if (field === 'mtu') values.mtu = host.mtu;
    else if (field === 'mac') values.mac = host.mac ?? null;
    else if (field === 'addresses') values.addresses = [...host.addresses];
    else if (field === 'groups') values.groups = [...host.groups];
    else values.up = host.up;
  }
  return { stack: at.stack, interface: at.name, values };
}
