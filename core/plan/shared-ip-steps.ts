import { formatCidr, formatIp } from '../net/ip';
import type { JailStack, Stack } from '../topology/schema';
import { SHARED_IP_FAMILIES, isSharedIpJail, jailAddresses, type SharedIpJail } from '../topology/shared-ip';
import { inJail } from './indexed';
import { createHostname, rootParams } from './jail-root-params';
import type { IndexedTopology } from './indexed';
import type { Planner } from './planner';
import type { PlanCommand } from './types';

// Creating, changing and removing shared-IP (non-vnet) jails (core/topology/shared-ip.ts).
//
// - Create: `jail -c name=web persist ip4.addr=lo1|10.17.89.1/32`. jail(8) adds each `iface|addr` as
//   an alias before it creates the jail (usr.sbin/jail/command.c run_command IP__IP4_IFADDR /
//   IP__IP6_IFADDR: `ifconfig lo1 inet 10.17.89.1/32 alias`); several addresses are one operand,
//   split at commas (jail.c main, docs/freebsd/jail.md §1). No `vnet`: the jail shares its parent's
//   stack. `ip4=inherit` for inherit; an empty list says nothing, which kern_jail.c kern_jail_set turns
//   into "restricted to no address" (`pr_flags |= PR_IP4 | PR_IP4_USER` when ip4 is not given).
// - jail(8) runs that ifconfig in its own stack, the host's. A jail nested in a vnet jail shares that
//   jail's stack, so its aliases are added there with explicit ifconfig steps instead.
// - Remove and undo: the plan removes with `jail -R` (plan.ts says why not -r), which runs no
//   removal commands and so never the `-alias` (jail.8 -R), hence an explicit `-alias` step.
// - Change: `jail -m` only updates the kernel's list (jail.c: JF_SET runs update_jail, never
//   IP__IP4_IFADDR, which is in the JF_START sequence alone), so aliases are added and removed with
//   explicit ifconfig steps around `jail -m ... ip4.addr=<bare addresses>`. The mode (new/inherit)
//   cannot change: "ip4 cannot be changed after creation" (kern_jail.c kern_jail_set, EINVAL).

/** One address with the interface jail(8) or the plan adds it to, by the names the kernel knows. */
interface Alias {
  family: 4 | 6;
  /** `10.17.89.1/32` */
  cidr: string;
  /** The bare address jail -m takes. */
  ip: string;
  /** The interface it is added to, when the design names one; absent: it is on one already. */
  iface?: { name: string; stackKey: string };
}

function aliasesOf(topology: IndexedTopology, jail: SharedIpJail): Alias[] {
  return jailAddresses(jail.sharedIp).map((address) => {
    const carrier = address.entry.interface === undefined ? undefined : topology.byId.get(address.entry.interface);
    return {
      family: address.cidr.family,
      cidr: formatCidr(address.cidr),
      ip: formatIp({ family: address.cidr.family, value: address.cidr.address }),
      ...(carrier ? { iface: { name: carrier.iface.name, stackKey: carrier.stackKey } } : {}),
    };
  });
}

const inetWord = (alias: Alias) => (alias.family === 4 ? 'inet' : 'inet6');

/** `ifconfig lo1 inet 10.17.89.1/32 alias` (or -alias), where the interface lives. */
function ifconfigAlias(alias: Alias & { iface: NonNullable<Alias['iface']> }, add: boolean): PlanCommand {
  return {
    argv: ['ifconfig', alias.iface.name, inetWord(alias), alias.cidr, add ? 'alias' : '-alias'],
    ...inJail(alias.iface.stackKey),
  };
}

const aliased = (aliases: Alias[]) =>
  aliases.filter((a): a is Alias & { iface: NonNullable<Alias['iface']> } => !!a.iface);

/** The ip4/ip6 operands of `jail -c`; `withInterfaces`: aliases jail(8) adds itself, as `iface|addr`. */
function addressParams(jail: SharedIpJail, aliases: Alias[], withInterfaces: boolean): string[] {
  return SHARED_IP_FAMILIES.flatMap(({ key, family }) => {
    if (jail.sharedIp[key] === 'inherit') return [`${key}=inherit`];
    const mine = aliases.filter((a) => a.family === family);
    if (!mine.length) return [];
    const words = mine.map((a) => (withInterfaces && a.iface ? `${a.iface.name}|${a.cidr}` : a.cidr));
    return [`${key}.addr=${words.join(',')}`];
  });
}

function createCommand(path: string, jail: SharedIpJail, params: string[]): PlanCommand {
  const hostname = createHostname(jail);
  return {
    argv: [
      'jail',
      '-c',
      `name=${path}`,
      ...(hostname ? [`host.hostname=${hostname}`] : []),
      ...rootParams(jail),
      'persist',
      ...params,
      `children.max=${jail.childrenMax}`,
    ],
  };
}

/** Whether jail(8) can add the aliases itself: only in its own stack, the host's. */
const jail8AddsAliases = (aliases: Alias[]) => aliased(aliases).every((a) => a.iface.stackKey === '');

function createSteps(p: Planner, path: string, jail: SharedIpJail) {
  const aliases = aliasesOf(p.desired, jail);
  if (jail8AddsAliases(aliases)) {
    p.add(
      'jail-create',
      `Create shared-IP jail ${path}`,
      createCommand(path, jail, addressParams(jail, aliases, true)),
      [{ argv: ['jail', '-R', path] }, ...aliased(aliases).map((a) => ifconfigAlias(a, false))],
    );
    return;
  }
  for (const alias of aliased(aliases))
    p.add('configure', `Add ${alias.cidr} to ${alias.iface.name} for jail ${path}`, ifconfigAlias(alias, true), [
      ifconfigAlias(alias, false),
    ]);
  p.add(
    'jail-create',
    `Create shared-IP jail ${path}`,
    createCommand(path, jail, addressParams(jail, aliases, false)),
    [{ argv: ['jail', '-R', path] }],
  );
}

/** Removes a shared-IP jail Patchbay may remove: its aliases first (-R leaves them), then the jail. */
export function sharedIpJailRemoval(p: Planner, path: string, jail: SharedIpJail) {
  const aliases = aliasesOf(p.actual, jail);
  for (const alias of aliased(aliases))
    p.add(
      'address-remove',
      `Remove ${alias.cidr} of jail ${path} from ${alias.iface.name}`,
      ifconfigAlias(alias, false),
      [ifconfigAlias(alias, true)],
    );
  // Undone after the aliases are back, so the jail is made again with bare addresses.
  p.add('jail-remove', `Remove shared-IP jail ${path}`, { argv: ['jail', '-R', path] }, [
    createCommand(path, jail, addressParams(jail, aliases, false)),
  ]);
}

const aliasKey = (a: Alias) => `${a.iface?.stackKey ?? ''}/${a.iface?.name ?? ''} ${a.cidr}`;

function changeSteps(p: Planner, path: string, jail: SharedIpJail, existing: SharedIpJail) {
  const modeChanged = SHARED_IP_FAMILIES.filter(
    ({ key }) => (jail.sharedIp[key] === 'inherit') !== (existing.sharedIp[key] === 'inherit'),
  );
  if (modeChanged.length) {
    p.guard.refuse({
      subject: `jail ${path}`,
      reason: `Jail ${path} would change ${modeChanged.map((m) => m.key).join(' and ')} between inherit and a list of addresses, which the kernel refuses after creation ("ip4 cannot be changed after creation", kern_jail.c). Remove the jail and create it again.`,
    });
    return;
  }
  const want = aliasesOf(p.desired, jail);
  const have = aliasesOf(p.actual, existing);
  const wantKeys = new Set(want.map(aliasKey));
  const haveKeys = new Set(have.map(aliasKey));
  const added = want.filter((a) => !haveKeys.has(aliasKey(a)));
  const removed = have.filter((a) => !wantKeys.has(aliasKey(a)));
  if (!added.length && !removed.length) return;
  if (!p.guard.ownsJail(path)) {
    p.guard.refuse({
      subject: `jail ${path}`,
      reason: `Jail ${path} was not made by Patchbay; adopt it before Patchbay may change its addresses.`,
      override: 'adopt',
    });
    return;
  }
  for (const alias of aliased(added))
    p.add('configure', `Add ${alias.cidr} to ${alias.iface.name} for jail ${path}`, ifconfigAlias(alias, true), [
      ifconfigAlias(alias, false),
    ]);
  const listOf = (aliases: Alias[]) =>
    SHARED_IP_FAMILIES.filter(({ key }) => jail.sharedIp[key] !== 'inherit').map(
      ({ key, family }) =>
        `${key}.addr=${aliases
          .filter((a) => a.family === family)
          .map((a) => a.ip)
          .join(',')}`,
    );
  p.add(
    'jail-create',
    `Give jail ${path} the addresses ${want.map((a) => a.cidr).join(', ') || 'none'}`,
    { argv: ['jail', '-m', `name=${path}`, ...listOf(want)] },
    [{ argv: ['jail', '-m', `name=${path}`, ...listOf(have)] }],
  );
  for (const alias of aliased(removed))
    p.add(
      'address-remove',
      `Remove ${alias.cidr} of jail ${path} from ${alias.iface.name}`,
      ifconfigAlias(alias, false),
      [ifconfigAlias(alias, true)],
    );
}

/**
 * The lifecycle of a jail where either side shares its parent's stack; false when neither does (a
 * vnet jail, for plan.ts). A jail cannot turn from vnet to shared-IP or back without being made anew.
 */
export function sharedIpJailSteps(p: Planner, path: string, jail: JailStack, existing: Stack | undefined): boolean {
  const existingShared = existing !== undefined && isSharedIpJail(existing);
  if (!isSharedIpJail(jail) && !existingShared) return false;
  if (!existing) {
    if (isSharedIpJail(jail)) createSteps(p, path, jail);
    return true;
  }
  if (!isSharedIpJail(jail) || !isSharedIpJail(existing)) {
    p.guard.refuse({
      subject: `jail ${path}`,
      reason: `Jail ${path} runs ${existingShared ? 'without' : 'with'} a vnet of its own and the design wants it ${existingShared ? 'with' : 'without'} one; vnet cannot change while a jail runs (kern_jail.c). Remove the jail and create it again, or rename it in the design.`,
    });
    return true;
  }
  changeSteps(p, path, jail, existing);
  return true;
}
