// What the agent reads off FreeBSD command output, in plain data. Parsers produce these; the
// emulator holds equivalent state and prints it in FreeBSD's formats (docs/freebsd.md).

export interface InetAddress {
  /** Dotted quad, e.g. "10.0.0.1". */
  address: string;
  /** From the hex netmask: 0xffffff00 → 24. */
  prefix: number;
  broadcast?: string;
}

export interface Inet6Address {
  /** Without the zone: "fe80::1". */
  address: string;
  prefix: number;
  /** The %zone written after link-local addresses: "lo0". */
  zone?: string;
  scopeid?: string;
}

export interface BridgeMember {
  name: string;
  flags: string[];
  ifmaxaddr?: number;
  port?: number;
  priority?: number;
  pathCost?: number;
}

/** One interface block of `ifconfig` text (§2). */
export interface IfconfigInterface {
  name: string;
  /** Hex value as printed, e.g. "1008943". */
  flagsHex: string;
  flags: string[];
  metric: number;
  mtu: number;
  description?: string;
  /** `options=` line: hex and names; absent when not printed. */
  options?: { hex: string; names: string[] };
  ether?: string;
  inet: InetAddress[];
  inet6: Inet6Address[];
  /** Bridge section; members in printed order (most recently added first, §2.3). */
  bridge?: { members: BridgeMember[] };
  groups: string[];
  media?: string;
  status?: string;
  nd6?: { hex: string; names: string[] };
}

/** Interface totals from the `<Link#N>` row of `netstat -i -b -n --libxo json` (§3.2). */
export interface InterfaceCounters {
  name: string;
  linkIndex: number;
  mtu?: number;
  address?: string;
  /** "0x8863" as printed. */
  flags: string;
  receivedPackets: bigint;
  receivedErrors: bigint;
  droppedPackets: bigint;
  receivedBytes: bigint;
  sentPackets: bigint;
  sentErrors: bigint;
  sentBytes: bigint;
  collisions: bigint;
}

/** One jail from `jls --libxo json jid name path host.hostname vnet parent children.max` (§7.2). */
export interface JailInfo {
  jid: number;
  name: string;
  path?: string;
  hostname?: string;
  /**
   * "new" for a vnet jail, "inherit" otherwise. The possible strings are "disable", "new" and
   * "inherit" (lib/libjail/jail.c `jailsys_values`, used by jailparam_export; worked out from source).
   */
  vnet?: string;
  /** jid of the parent jail; 0 for a jail directly under the host. */
  parent?: number;
  childrenMax?: number;
  /** `ip4.addr` / `ip6.addr`: the addresses a jail is restricted to, as inet_ntop() prints them (no interface). */
  ip4Addresses?: string[];
  ip6Addresses?: string[];
  /**
   * The jailsys parameters `ip4` / `ip6`: "inherit" when the jail is not restricted to addresses of
   * its own (`ip4 = inherit`, and every vnet jail); "disable" or "new" when it is (kern_jail.c
   * kern_jail_get prints the flag PR_IP4_USER through pr_flag_jailsys).
   */
  ip4Mode?: string;
  ip6Mode?: string;
}

/** One jail from `jls -v --libxo json` (§7.2; verbatim fixture jls-v-libxo-json-zachfi.json). */
export interface JailVerboseInfo {
  jid: number;
  hostname: string;
  path: string;
  name: string;
  /** "ACTIVE" or "DYING" (jls.c print_jail). */
  state: 'ACTIVE' | 'DYING';
  cpusetId: number;
  ipv4Addresses: string[];
  ipv6Addresses: string[];
}

/** One row of `netstat -r -n --libxo json` (format worked out from usr.bin/netstat/route.c). */
export interface RouteEntry {
  family: 'inet' | 'inet6';
  /** "default", "10.0.0.0/24", "10.0.0.1", "fe80::%lo0/64" as printed. */
  destination: string;
  gateway: string;
  flags: string;
  interface: string;
  /** `"weight":1`: printed by the netlink code path only (14.0+, route_netlink.c p_path). */
  weight?: number;
  /** `"nhop-kidx":N`, the kernel nexthop index: netlink code path only (14.0+). */
  nhopKernelIndex?: number;
}
