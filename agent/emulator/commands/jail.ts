import { findInterface, findJail, interfacesIn, newVnet, zeroCounters, type HostState, type Jail } from '../state';
import { abort, guard, ok, type Command } from './output';

// jail(8) -c and -r as the agent uses them (reference/freebsd.md §5). `jail -c` prints
// "<name>: created"; `jail -r` prints nothing on a host without /etc/jail.conf (§5.1).
// Error wordings are marked where the reference does not give them verbatim.

function parseParams(args: string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const [key, value] = eq < 0 ? [arg, ''] : [arg.slice(0, eq), arg.slice(eq + 1)];
    // "name=value1,value2" and repeated "name=value1 name=value2" are equivalent for lists (§5.1).
    const values = key === 'vnet.interface' ? value.split(',').filter(Boolean) : [value];
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return params;
}

const KNOWN = new Set(['name', 'host.hostname', 'path', 'persist', 'vnet', 'vnet.interface', 'children.max', 'allow.raw_sockets']);

function create(state: HostState, creatorVnet: number, args: string[]) {
  const params = parseParams(args);
  for (const key of params.keys()) if (!KNOWN.has(key)) abort('jail', `unknown parameter: ${key}`); // wording ours
  const name = params.get('name')?.[0];
  if (!name) abort('jail', 'jail: no name specified'); // wording ours
  if (findJail(state, name)) abort('jail', `"${name}" already exists`); // §5.1 "already exists"; quoting unverified
  if (!params.has('persist')) abort('jail', `${name}: no command specified`); // §5.1: persist or a command is required; wording ours
  const dot = name.lastIndexOf('.');
  const parent = dot < 0 ? undefined : findJail(state, name.slice(0, dot));
  if (dot >= 0 && !parent) abort('jail', `"${name.slice(0, dot)}" not found`);
  if (parent) {
    const children = [...state.jails.values()].filter((j) => j.parentJid === parent.jid).length;
    if (children >= parent.childrenMax) abort('jail', `${name}: jail_set: Operation not permitted`); // children.max (§5.1); wording ours
  }
  const vnetValue = params.get('vnet')?.[0];
  const ownVnet = params.has('vnet') && vnetValue !== 'inherit';
  const childrenMax = Number(params.get('children.max')?.[0] ?? '0');
  const jail: Jail = {
    jid: state.nextJid++,
    name,
    hostname: params.get('host.hostname')?.[0] ?? '',
    path: params.get('path')?.[0] ?? '/',
    vnet: ownVnet ? newVnet(state).id : creatorVnet,
    parentJid: parent?.jid ?? 0,
    childrenMax: Number.isInteger(childrenMax) && childrenMax >= 0 ? childrenMax : 0,
  };
  state.jails.set(jail.jid, jail);
  if (ownVnet) {
    // A new vnet starts with its own lo0, down and unaddressed until someone configures it.
    const lo0 = { index: state.nextIndex++, name: 'lo0', kind: 'loopback' as const, vnet: jail.vnet, homeVnet: jail.vnet, up: false, mtu: 16384, addresses: [], members: [], counters: zeroCounters() };
    state.ifnets.set(lo0.index, lo0);
  }
  // vnet.interface moves happen after creation (§5.1 order of operations).
  for (const ifname of params.get('vnet.interface') ?? []) {
    const ifnet = findInterface(state, creatorVnet, ifname);
    if (!ifnet || !ownVnet) abort('jail', `${name}: vnet.interface: ${ifname}: Device not configured`); // wording ours
    for (const other of state.ifnets.values()) other.members = other.members.filter((m) => m !== ifnet.index);
    Object.assign(ifnet, { vnet: jail.vnet, addresses: [], up: false });
  }
  return ok(`${name}: created\n`);
}

/** Removes a jail and its children; interfaces go home under their inside names (§5.2). */
export function removeJail(state: HostState, jail: Jail) {
  for (const child of [...state.jails.values()].filter((j) => j.parentJid === jail.jid)) removeJail(state, child);
  state.jails.delete(jail.jid);
  if ([...state.jails.values()].some((j) => j.vnet === jail.vnet) || jail.vnet === 0) return;
  for (const ifnet of interfacesIn(state, jail.vnet)) {
    if (ifnet.homeVnet === jail.vnet) {
      // Cloned inside the jail: gone with the vnet (an assumption, §5.2); an epair takes its peer along.
      state.ifnets.delete(ifnet.index);
      if (ifnet.peer !== undefined) state.ifnets.delete(ifnet.peer);
    } else {
      Object.assign(ifnet, { vnet: ifnet.homeVnet, addresses: [], up: false });
    }
  }
  state.vnets.delete(jail.vnet);
}

export const jail: Command = (args, ctx) =>
  guard(() => {
    const [flag, ...rest] = args;
    if (flag === '-c') return create(ctx.state, ctx.vnet, rest);
    if (flag === '-m') {
      // jail -m name=<jail> param=value: modify a running jail (jail(8)); only children.max is emulated.
      const params = parseParams(rest);
      const target = findJail(ctx.state, params.get('name')?.[0] ?? '');
      if (!target) return abort('jail', `"${params.get('name')?.[0] ?? ''}" not found`);
      const max = params.get('children.max')?.[0];
      if (max !== undefined) target.childrenMax = Number(max);
      return ok();
    }
    if (flag === '-r' && rest.length === 1) {
      const target = findJail(ctx.state, rest[0]!);
      if (!target) return abort('jail', `"${rest[0]}" not found`); // §5.1 "not found"; quoting unverified
      removeJail(ctx.state, target);
      return ok();
    }
    return abort('jail', `unsupported usage: ${args.join(' ')}`);
  });
