import {
  TOPOLOGY_FORMAT,
  TOPOLOGY_VERSION,
  TopologySchema,
  type FreebsdRelease,
  type Stack,
  type Topology,
} from '../../core/topology/schema';
import { ask, output, runScript, runScriptSync, type Script } from '../executor/script';
import type { Executor, RunRequest, RunResult } from '../executor/types';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import { parseJlsParams } from '../freebsd/jls-parse';
import { parseNetstatRoutes } from '../freebsd/netstat-routes';
import { parseSysctlValues } from '../freebsd/sysctl-parse';
import type { JailInfo, RouteEntry } from '../freebsd/types';
import { pairEpairs } from './pair-epairs';
import { sharedIpJailStacks } from './shared-jails';
import { bridgeFilterScript, stackPfScript } from './read-filtering';
import { toInterface, type ReadInterface } from './to-interfaces';

// Discovery: the host as it is, in the core model, read through the same commands on a real host
// and on the emulator. Every interface is kept, Patchbay's own and foreign ones alike.

export const PATCHBAY_ANCHOR = 'patchbay';
/**
 * One jls for every jail. A vnet jail's address lists come back empty (kern_jail.c: vnet jails "cannot
 * have IP address restrictions"), so asking them of every jail costs nothing and saves a second jls.
 */
const JLS_PARAMS = [
  'jid',
  'name',
  'path',
  'host.hostname',
  'vnet',
  'parent',
  'children.max',
  'ip4',
  'ip4.addr',
  'ip6',
  'ip6.addr',
];
const FORWARDING = ['net.inet.ip.forwarding', 'net.inet6.ip6.forwarding'];

export interface PfAnchorRead {
  name: string;
  rules: string[];
  nat: string[];
}

export interface HostRead {
  topology: Topology;
  /** Interface id → whether Patchbay's mark is on it. Foreign objects are read and kept, never dropped. */
  owned: Record<string, boolean>;
  /** `kern.osrelease`, e.g. "14.2-RELEASE". */
  osrelease: string;
  /** The host's pf status and Patchbay's own anchors, for the planner. Each stack's whole ruleset is on its `pf`. */
  pf: { enabled: boolean; anchors: PfAnchorRead[] };
  /** Things discovery could not resolve, in words (an epair whose other end is nowhere to be seen). */
  notes: string[];
}

function releaseOf(osrelease: string): FreebsdRelease {
  const major = /^([0-9]+)\./.exec(osrelease)?.[1];
  return major === '13' || major === '15' ? major : '14';
}

/**
 * Interface routes as netstat -rn lists them: `route add -net X -iface IF` (route(8)) installs a
 * static route (flag S) with no gateway (no G), to a network (no H: the host routes to the stack's
 * own addresses are `UHS lo0`), whose gateway column is the link (`link#N`) or the interface.
 * Connected routes lack S. The interface is the one named in the Netif column.
 */
export function interfaceRoutesOf(entries: RouteEntry[], interfaces: ReadInterface[]): Stack['staticRoutes'] {
  return entries.flatMap((e) => {
    if (!isInterfaceRoute(e)) return [];
    const iface = interfaces.find((i) => i.iface.name === e.interface);
    if (!iface || iface.iface.kind === 'loopback') return [];
    return [{ destination: e.destination, interface: iface.iface.id }];
  });
}

/** A static route with no gateway and not to a host (see interfaceRoutesOf). */
export function isInterfaceRoute(e: RouteEntry): boolean {
  return e.flags.includes('S') && !e.flags.includes('G') && !e.flags.includes('H') && e.destination !== 'default';
}

function withInterfaceRoutes(
  read: Pick<Stack, 'defaultGateway' | 'staticRoutes'>,
  iface: Stack['staticRoutes'],
): Pick<Stack, 'defaultGateway' | 'staticRoutes'> {
  return iface.length ? { ...read, staticRoutes: [...read.staticRoutes, ...iface] } : read;
}

/** The default gateways and gateway routes of a route table. */
export function routesOf(entries: RouteEntry[]): Pick<Stack, 'defaultGateway' | 'staticRoutes'> {
  const gatewayRoutes = entries.filter((e) => e.flags.includes('G'));
  const defaults = gatewayRoutes.filter((e) => e.destination === 'default');
  const v4 = defaults.find((e) => e.family === 'inet')?.gateway;
  const v6 = defaults.find((e) => e.family === 'inet6')?.gateway;
  return {
    defaultGateway: { ...(v4 ? { ipv4: v4 } : {}), ...(v6 ? { ipv6: v6 } : {}) },
    staticRoutes: gatewayRoutes
      .filter((e) => e.destination !== 'default')
      .map((e) => ({ destination: e.destination, gateway: e.gateway })),
  };
}

function* readStack(stackId: string, jail?: string, pfInfo?: RunResult, listings?: Map<string, RunResult>) {
  const inJail = jail === undefined ? {} : { jail };
  // netstat reads inside a jail with -j, which needs no userland in the jail (docs/freebsd.md §3.4).
  const netstat = (...args: string[]) =>
    output({ argv: ['netstat', ...(jail ? ['-j', jail] : []), ...args, '--libxo', 'json'] });
  const interfaces = parseIfconfig(yield* output({ argv: ['ifconfig', '-a'], ...inJail })).map((raw) =>
    toInterface(stackId, raw),
  );
  // -W: without it netstat cuts interface names in the route table to 8 characters.
  const routes = parseNetstatRoutes(yield* netstat('-r', '-n', '-W'));
  const sysctls = parseSysctlValues(yield* output({ argv: ['sysctl', '-n', ...FORWARDING], ...inJail }), FORWARDING);
  const pf = yield* stackPfScript(jail, pfInfo, listings);
  const bridgeFilter = yield* bridgeFilterScript(jail);
  return {
    interfaces,
    forwarding: { ipv4: sysctls['net.inet.ip.forwarding'] === '1', ipv6: sysctls['net.inet6.ip6.forwarding'] === '1' },
    ...withInterfaceRoutes(routesOf(routes), interfaceRoutesOf(routes, interfaces)),
    filtering: { ...(pf ? { pf } : {}), ...(bridgeFilter ? { bridgeFilter } : {}) },
  };
}

/**
 * Patchbay's own anchors on the host; `info` is the host's `pfctl -s info`, already read, and
 * `listings` the `-s Anchors` answers reading the host's ruleset already had: once the main ruleset
 * was listed, an anchor it did not list does not exist, and one it did was listed in turn.
 */
function* readPf(info: RunResult, listings: Map<string, RunResult>): Script<HostRead['pf']> {
  const enabled = info.code === 0 && /^Status: Enabled/.test(info.stdout);
  const main = listings.get('');
  const absent = main?.code === 0 && !main.stdout.split('\n').some((line) => line.trim() === PATCHBAY_ANCHOR);
  const listed = absent
    ? { code: 1, stdout: '', stderr: '' }
    : (listings.get(PATCHBAY_ANCHOR) ?? (yield* ask({ argv: ['pfctl', '-a', PATCHBAY_ANCHOR, '-s', 'Anchors'] })));
  const names =
    listed.code === 0
      ? listed.stdout
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  const anchors: PfAnchorRead[] = [];
  for (const name of names) {
    const lines = function* (what: string) {
      return (yield* output({ argv: ['pfctl', '-a', name, '-s', what] })).split('\n').filter(Boolean);
    };
    anchors.push({ name, rules: yield* lines('rules'), nat: yield* lines('nat') });
  }
  return { enabled, anchors };
}

/** Discovered ids: "host", "jail:<full jail name>", and "<stack id>:<interface name>". */
export function jailStackId(name: string): string {
  return `jail:${name}`;
}

type StackRead = ReturnType<typeof readStack> extends Script<infer T> ? T : never;

function jailStack(jail: JailInfo, byJid: Map<number, JailInfo>, read: StackRead): Stack {
  const parent = jail.parent ? byJid.get(jail.parent) : undefined;
  return {
    kind: 'jail',
    id: jailStackId(jail.name),
    name: jail.name.split('.').pop()!,
    ...(jail.hostname ? { hostname: jail.hostname } : {}),
    ...(parent ? { parent: jailStackId(parent.name) } : {}),
    childrenMax: jail.childrenMax ?? 0,
    interfaces: read.interfaces.map((i) => i.iface),
    forwarding: read.forwarding,
    defaultGateway: read.defaultGateway,
    staticRoutes: read.staticRoutes,
    nat: [],
    ...read.filtering,
  };
}

/**
 * Reads the whole host: its own stack, every vnet jail's stack (each with its own pf ruleset and
 * bridge pfil sysctls where it has them), and Patchbay's pf anchors.
 */
export function readHost(executor: Executor): Promise<HostRead> {
  return runScript(executor, readHostScript());
}

/**
 * The same reading over a synchronous runner, finished when it returns: for the emulator's
 * synthetic traffic, which follows the audit of the host as it is within a single tick.
 */
export function readHostSync(run: (request: RunRequest) => RunResult): HostRead {
  return runScriptSync(run, readHostScript());
}

/** `kern.osrelease` and `kern.hostname` (empty when unset), in one sysctl. */
function* identityScript(): Script<{ osrelease: string; hostname: string }> {
  const [osrelease = '', hostname = ''] = (yield* output({
    argv: ['sysctl', '-n', 'kern.osrelease', 'kern.hostname'],
  })).split('\n');
  return { osrelease, hostname };
}

/** The host's release and name only: one command, for host.info, instead of reading the whole host. */
export function readIdentity(executor: Executor): Promise<{ osrelease: string; hostname: string }> {
  return runScript(executor, identityScript());
}

/** Every jail, with the addresses of those that share a stack. */
function* jailsScript(): Script<JailInfo[]> {
  return parseJlsParams(yield* output({ argv: ['jls', '--libxo', 'json', ...JLS_PARAMS] }));
}

function* readHostScript(): Script<HostRead> {
  const { osrelease, hostname } = yield* identityScript();
  // Asked once: the host's stack and Patchbay's anchors both need it.
  const hostPfInfo = yield* ask({ argv: ['pfctl', '-s', 'info'] });
  const hostListings = new Map<string, RunResult>();
  const host = yield* readStack('host', undefined, hostPfInfo, hostListings);
  const jails = yield* jailsScript();
  const byJid = new Map(jails.map((j) => [j.jid, j]));
  const vnetJails = jails.filter((j) => j.vnet === 'new');
  const stacks: Stack[] = [
    {
      kind: 'host',
      id: 'host',
      hostname: hostname || 'unknown',
      interfaces: host.interfaces.map((i) => i.iface),
      forwarding: host.forwarding,
      defaultGateway: host.defaultGateway,
      staticRoutes: host.staticRoutes,
      nat: [],
      ...host.filtering,
    },
  ];
  const everyInterface: ReadInterface[] = [...host.interfaces];
  for (const jail of vnetJails) {
    const read = yield* readStack(jailStackId(jail.name), jail.name);
    everyInterface.push(...read.interfaces);
    stacks.push(jailStack(jail, byJid, read));
  }
  const notes = pairEpairs(everyInterface).map((end) => {
    (end.iface as { peer: string }).peer = `unpaired:${end.iface.id}`;
    return `The other end of epair ${end.iface.name} (${end.iface.id}) was not found on this host.`;
  });
  stacks.push(...sharedIpJailStacks(jails, stacks, jailStackId, notes));
  const topology = TopologySchema.parse({
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name: `${hostname || 'host'} (discovered)`,
    target: { freebsd: releaseOf(osrelease) },
    stacks,
  });
  return {
    topology,
    owned: Object.fromEntries(everyInterface.map((i) => [i.iface.id, i.owned])),
    osrelease,
    pf: yield* readPf(hostPfInfo, hostListings),
    notes,
  };
}
