import { formatIPv4, formatIPv6 } from '../../../core/net/ip';
import type { FreebsdEmulator } from '../emulator';
import { HOST_VNET, type HostState, type Ifnet, type Vnet } from '../state';

// Read-only helpers over the emulator's host state, so the corpus's effect checks and its
// "unchanged" checks read the state in one place. `where` is 'host' or a jail's full name.

type Where = string;

export function jailNamed(state: HostState, name: string) {
  for (const jail of state.jails.values()) if (jail.name === name) return jail;
  return undefined;
}

function vnetIdOf(state: HostState, where: Where): number {
  if (where === 'host') return HOST_VNET;
  const jail = jailNamed(state, where);
  if (!jail) throw new Error(`no jail named ${where}`);
  return jail.vnet;
}

function whereOf(state: HostState, vnet: number): Where {
  if (vnet === HOST_VNET) return 'host';
  for (const jail of state.jails.values()) if (jail.vnet === vnet) return jail.name;
  return `vnet#${vnet}`;
}

export function iface(host: FreebsdEmulator, name: string, where: Where = 'host'): Ifnet | undefined {
  const vnet = vnetIdOf(host.state, where);
  for (const ifnet of host.state.ifnets.values()) if (ifnet.vnet === vnet && ifnet.name === name) return ifnet;
  return undefined;
}

export function mustIface(host: FreebsdEmulator, name: string, where: Where = 'host'): Ifnet {
  const found = iface(host, name, where);
  if (!found) throw new Error(`interface ${name} not found in ${where} (there: ${namesIn(host, where).join(' ')})`);
  return found;
}

/** Interface names in a vnet, sorted. */
export function namesIn(host: FreebsdEmulator, where: Where = 'host'): string[] {
  const vnet = vnetIdOf(host.state, where);
  return [...host.state.ifnets.values()]
    .filter((i) => i.vnet === vnet)
    .map((i) => i.name)
    .sort();
}

function formatAddress(family: number, value: bigint): string {
  return family === 4 ? formatIPv4(value) : formatIPv6(value);
}

/** Addresses as `address/prefix`, in the order the interface holds them. */
export function addressesOf(ifnet: Ifnet): string[] {
  return ifnet.addresses.map((a) => `${formatAddress(a.family, a.value)}/${a.prefix}`);
}

export function memberNames(host: FreebsdEmulator, bridge: Ifnet): string[] {
  return bridge.members.map((index) => host.state.ifnets.get(index)?.name ?? `#${index}`);
}

export function sysctlOf(host: FreebsdEmulator, where: Where, oid: string): string | undefined {
  return host.state.vnets.get(vnetIdOf(host.state, where))?.sysctls.get(oid);
}

function gatewayText(family: number, gateway: unknown): string {
  return typeof gateway === 'bigint' ? formatAddress(family, gateway) : JSON.stringify(gateway);
}

/** Routes as `destination via gateway`, destination `default` or `address/prefix`. */
export function routesOf(host: FreebsdEmulator, where: Where = 'host'): string[] {
  const vnet = host.state.vnets.get(vnetIdOf(host.state, where));
  return (vnet?.routes ?? []).map((r) => {
    const destination = r.destination
      ? `${formatAddress(r.family, r.destination.value)}/${r.destination.prefix}`
      : 'default';
    if (r.ifnet !== undefined) return `${destination} -iface ${host.state.ifnets.get(r.ifnet)?.name ?? r.ifnet}`;
    return `${destination} via ${gatewayText(r.family, r.gateway)}`;
  });
}

export function pfOf(host: FreebsdEmulator, where: Where = 'host'): Vnet['pf'] {
  const vnet = host.state.vnets.get(vnetIdOf(host.state, where));
  if (!vnet) throw new Error(`no vnet for ${where}`);
  return vnet.pf;
}

/** Runs a listing and returns its stdout, failing loudly when the listing itself fails. */
export function listing(host: FreebsdEmulator, argv: string[], jail?: string): string {
  const result = host.runSync({ argv, ...(jail !== undefined ? { jail } : {}) });
  if (result.code !== 0)
    throw new Error(
      `follow-up listing ${jail ? `jexec ${jail} ` : ''}${argv.join(' ')} failed (${result.code}): ${result.stderr}`,
    );
  return result.stdout;
}

// ---------------------------------------------------------------------------------------------
// The view the "unchanged" checks compare: what an operator can observe, keyed by names, so a
// rejected entry can say "this much changed" by editing a copy of it.

interface InterfaceView {
  kind: string;
  up: boolean;
  mtu: number;
  mac?: string;
  description?: string;
  addresses: string[];
  members: string[];
}

interface VnetView {
  sysctls: Record<string, string>;
  routes: string[];
  pf: { enabled: boolean; anchors: Record<string, unknown> };
}

export interface HostStateView {
  /** Keyed `where/name`. */
  interfaces: Record<string, InterfaceView>;
  /** Keyed by full jail name. */
  jails: Record<string, { jid: number; parent: string; childrenMax: number; hostname: string; path: string }>;
  /** Keyed by `where`. */
  vnets: Record<string, VnetView>;
  modules: string[];
}

export function view(host: FreebsdEmulator): HostStateView {
  const { state } = host;
  const interfaces: HostStateView['interfaces'] = {};
  for (const ifnet of state.ifnets.values()) {
    interfaces[`${whereOf(state, ifnet.vnet)}/${ifnet.name}`] = {
      kind: ifnet.kind,
      up: ifnet.up,
      mtu: ifnet.mtu,
      ...(ifnet.mac !== undefined ? { mac: ifnet.mac } : {}),
      ...(ifnet.description !== undefined ? { description: ifnet.description } : {}),
      addresses: addressesOf(ifnet),
      members: memberNames(host, ifnet),
    };
  }
  const jails: HostStateView['jails'] = {};
  for (const jail of state.jails.values()) {
    const parent = jail.parentJid === 0 ? '' : (state.jails.get(jail.parentJid)?.name ?? `#${jail.parentJid}`);
    jails[jail.name] = {
      jid: jail.jid,
      parent,
      childrenMax: jail.childrenMax,
      hostname: jail.hostname,
      path: jail.path,
    };
  }
  const vnets: HostStateView['vnets'] = {};
  for (const vnet of state.vnets.values()) {
    const where = whereOf(state, vnet.id);
    vnets[where] = {
      sysctls: Object.fromEntries([...vnet.sysctls.entries()].sort(([a], [b]) => a.localeCompare(b))),
      routes: routesOf(host, where),
      pf: {
        enabled: vnet.pf.enabled,
        anchors: Object.fromEntries([...vnet.pf.anchors.entries()].map(([name, anchor]) => [name, plain(anchor)])),
      },
    };
  }
  return { interfaces, jails, vnets, modules: [...state.modules].sort() };
}

// Keys that move on their own or count things that are not configuration: a failed command may
// leave them as they were or not, and FreeBSD has no equivalent to compare with.
const VOLATILE = new Set(['random', 'clock', 'version', 'nextIndex', 'nextAttach', 'nextJid', 'nextVnet', 'counters']);

/** A plain, comparable copy of any value: Maps become sorted entry lists, bigints strings. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return '[function]';
  if (value instanceof Map)
    return [...value.entries()]
      .map(([k, v]) => [plain(k), plain(v)])
      .sort((a, b) => JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])));
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      if (!VOLATILE.has(key)) out[key] = plain((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The whole host state minus the volatile keys: for "nothing at all changed". */
export function rawState(host: FreebsdEmulator): unknown {
  return plain(host.state);
}
