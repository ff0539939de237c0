import type { Family } from '../../core/net/ip';

// The in-memory FreeBSD host the emulator answers from. Shapes follow the kernel objects
// docs/freebsd.md describes (section numbers below are its own): ifnets that live in one vnet at a time, jails that own
// a vnet, per-vnet sysctls, routes and pf.

export type Release = '13' | '14' | '15';
export type IfKind = 'physical' | 'bridge' | 'epair' | 'loopback';

/** One entry of a pf table as the kernel holds it (pf/tables.ts reads and prints them). */
export interface TableEntry {
  family: 4 | 6;
  value: bigint;
  prefix: number;
  negated: boolean;
}

export interface Counters {
  ipackets: bigint;
  ierrors: bigint;
  iqdrops: bigint;
  ibytes: bigint;
  opackets: bigint;
  oerrors: bigint;
  obytes: bigint;
  collisions: bigint;
}

export interface IfAddress {
  family: Family;
  value: bigint;
  prefix: number;
  /**
   * IPv6 only: IN6_IFF_TENTATIVE, the address waits for Duplicate Address Detection that cannot run
   * yet (the interface is down, or ND6_IFF_IFDISABLED is set). DAD that can run is taken as finished
   * at once: the emulator has no time. Rules: kernel/interfaces.ts, docs/freebsd/ifconfig.md (IPv6).
   */
  tentative?: boolean;
}

export interface Ifnet {
  /**
   * The emulator's handle for this ifnet: unique for the emulator's life, never reused, the same in
   * every vnet. Not FreeBSD's if_index (that is `ifindex`); members, peers and counters key on it.
   */
  index: number;
  /** FreeBSD's if_index in the vnet the interface is in now (see ifnet.ts for how it is chosen). */
  ifindex: number;
  /** Order of attachment in its current vnet: the kernel's interface list, which ifconfig -a walks. */
  attached: number;
  name: string;
  kind: IfKind;
  vnet: number;
  /** Where the interface returns when its vnet is torn down (§5.2). */
  homeVnet: number;
  up: boolean;
  mtu: number;
  mac?: string;
  /**
   * The hardware address the driver attached with (ifnet if_hw_addr): kept for IFT_ETHER interfaces
   * (epair, physical NICs) only, and never changed by `ifconfig ... ether`. ifconfig prints it as
   * `hwaddr` when it differs from `mac` (sys/net/if.c if_attach_internal(), if_gethwaddr();
   * sys/net/if_ethersubr.c ether_ifattach(); docs/freebsd/ifconfig.md).
   */
  hwaddr?: string;
  description?: string;
  addresses: IfAddress[];
  /** Bridge members by the emulator's handle (`index`, not FreeBSD's ifindex), in the order they were added. */
  members: number[];
  /** The other end of an epair. */
  peer?: number;
  /** ND6 per-interface flags (`nd6 options=` in ifconfig), when changed from the kind's default. */
  nd6?: number;
  /** Cloned interfaces: the cloner (bridge, epair, lo) and the unit it handed out, held until destroy. */
  cloner?: 'bridge' | 'epair' | 'lo';
  unit?: number;
  /** Physical NICs: the media line. */
  media?: string;
  /** Physical NICs: the options line, as printed. */
  options?: string;
  /**
   * The admin's groups (`ifconfig IF group NAME`), in the order joined: the kernel appends to the
   * interface's if_groups and to the group's member list (sys/net/if.c if_addgroup()). `joined` orders
   * `ifconfig -g NAME` (HostState.nextGroupJoin). The cloner's group is implied by `kind` (ifconfig-format.ts
   * groupOf). if_vmove drops them all (if_detach_internal: "removes all groups", docs/freebsd/ifconfig.md §6.3).
   */
  groups?: { name: string; joined: number }[];
  counters: Counters;
}

export interface Jail {
  jid: number;
  /** Full name; nested jails are "parent.child" (§5.1). */
  name: string;
  hostname: string;
  path: string;
  vnet: number;
  parentJid: number;
  childrenMax: number;
  /**
   * ip4.addr / ip6.addr of a shared-IP jail in the kernel's order (first as given, the rest sorted;
   * kern_jail.c kern_jail_set()); absent when the family is not restricted (vnet jails, ip4=inherit).
   */
  ip4?: bigint[];
  ip6?: bigint[];
  /** `ip4=inherit` / `ip6=inherit`: the families the jail takes every address of its parent in. */
  inherits?: ('ip4' | 'ip6')[];
}

/**
 * A static route: through a gateway address (`route add X GW`: RTF_GATEWAY), or an interface route
 * (`route add X -iface IF`: no RTF_GATEWAY, the nexthop is the interface itself; sbin/route/route.c
 * newroute(), sys/net/route/nhop_ctl.c set_nhop_gw_from_info()). Exactly one of the two is set.
 */
export type KernelRoute = {
  family: Family;
  /** undefined = default route. */
  destination?: { value: bigint; prefix: number };
} & ({ gateway: bigint; ifnet?: undefined } | { gateway?: undefined; ifnet: number });

export interface PfAnchor {
  /**
   * Rules as loaded (our own text, kept for listing back): one entry per kernel rule, so a rule
   * written with `{ lists }` is stored once per expansion (docs/freebsd/pf.md "Loading"). The key
   * "" of `Vnet.pf.anchors` is the main ruleset.
   */
  rules: string[];
  /** `table <name>` definitions loaded with the ruleset; a ruleset with tables is kept (pf_ruleset.c). */
  tables?: string[];
}

export interface Vnet {
  id: number;
  sysctls: Map<string, string>;
  routes: KernelRoute[];
  pf: {
    enabled: boolean;
    enabledAt: number;
    anchors: Map<string, PfAnchor>;
    /** `pfctl -s info` state-table and counter totals by row name ("searches", "match", ...). */
    counters: Map<string, number>;
    /** Running table contents, by anchor and name (pf/tables.ts); absent until a table has any. */
    tableEntries?: Map<string, TableEntry[]>;
    /** Tables `pfctl -T add` created (PFR_TFLAG_PERSIST): a later load of their ruleset keeps them. */
    addedTables?: Set<string>;
  };
}

export interface HostState {
  release: Release;
  hostname: string;
  ifnets: Map<number, Ifnet>;
  vnets: Map<number, Vnet>;
  jails: Map<number, Jail>;
  nextIndex: number;
  /** Counter behind `Ifnet.attached`. */
  nextAttach: number;
  /** Counter behind `Ifnet.groups[].joined`; absent until the first group is joined. */
  nextGroupJoin?: number;
  nextJid: number;
  nextVnet: number;
  /** Seeded random source, so MACs and everything derived are the same on every run. */
  random: () => number;
  /** Seconds since boot, advanced by traffic ticks. */
  clock: number;
  /**
   * Bumped by every command that may change the host (anything but a listing), so what is derived
   * from the configuration (the audit synthetic traffic follows) is worked out again only after a
   * change. Counters and the clock are not configuration and do not bump it.
   */
  version: number;
  /**
   * Kernel modules loaded since boot, e.g. "if_bridge". Host-wide, and they stay loaded when the
   * last interface using them goes: nothing unloads a module but kldunload.
   */
  modules: Set<string>;
  /**
   * The host's files that commands read (`jail -f`, `pfctl -f`), by absolute path. Jails have no
   * path of their own here (they share the host's root, as Patchbay makes them), so one table serves
   * every vnet.
   */
  files: Map<string, string>;
  /**
   * Directories that exist on the host, by absolute path, for jail roots (`path`, `<path>/dev`): the
   * emulator has no file system beyond `files`, so a root is there only when a test or spec says so.
   * "/" always exists.
   */
  directories: Set<string>;
  /** Mounts jail(8) made (`mount.devfs`), by mount point, with the devfs ruleset given to mount(8). */
  mounts: Map<string, { fstype: 'devfs'; ruleset: string }>;
  /** EmulatedHostSpec.bridgePfilDefault15: the pfil sysctls' default on a 15 host, when the test says. */
  bridgePfilDefault15?: 0 | 1;
}

export const HOST_VNET = 0;

export function zeroCounters(): Counters {
  return { ipackets: 0n, ierrors: 0n, iqdrops: 0n, ibytes: 0n, opackets: 0n, oerrors: 0n, obytes: 0n, collisions: 0n };
}

/** mulberry32: tiny, fast and good enough to make MACs look random yet repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newVnet(state: HostState): Vnet {
  const id = state.nextVnet++;
  const vnet: Vnet = {
    id,
    sysctls: new Map([
      ['net.inet.ip.forwarding', '0'],
      ['net.inet6.ip6.forwarding', '0'],
    ]),
    routes: [],
    pf: { enabled: false, enabledAt: 0, anchors: new Map(), counters: new Map() },
  };
  state.vnets.set(id, vnet);
  return vnet;
}

export function interfacesIn(state: HostState, vnet: number): Ifnet[] {
  return [...state.ifnets.values()].filter((i) => i.vnet === vnet).sort((a, b) => a.attached - b.attached);
}

export function findInterface(state: HostState, vnet: number, name: string): Ifnet | undefined {
  for (const ifnet of state.ifnets.values()) if (ifnet.vnet === vnet && ifnet.name === name) return ifnet;
  return undefined;
}

/** Whether a bridge (in any vnet) has `ifnet` among its members. */
export function isBridgeMember(state: HostState, ifnet: Ifnet): boolean {
  for (const other of state.ifnets.values())
    if (other.kind === 'bridge' && other.members.includes(ifnet.index)) return true;
  return false;
}

/** A jail by name or jid, as jexec, jls -j and ifconfig vnet accept it (§5.1). */
export function findJail(state: HostState, nameOrJid: string): Jail | undefined {
  if (/^[0-9]+$/.test(nameOrJid)) return state.jails.get(Number(nameOrJid));
  for (const jail of state.jails.values()) if (jail.name === nameOrJid) return jail;
  return undefined;
}

function hexByte(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export function randomBytes(state: HostState, count: number): string[] {
  return Array.from({ length: count }, () => hexByte(Math.floor(state.random() * 256)));
}

/** if_bridge and (on 15) epair take stable MACs from ether_gen_addr, FreeBSD OUI 58:9c:fc (§2.3, §2.4). */
export function generatedMac(state: HostState): string {
  return ['58', '9c', 'fc', ...randomBytes(state, 3)].join(':');
}
