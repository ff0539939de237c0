import { z } from 'zod';
import { JailRootSchema } from './jail-root';

// The shape of a topology. Structure only: names, addresses and cross-references are checked by
// `validate()`, which reports every problem with a rule id instead of failing on the first.
// Objects are strict so that a misspelt field ("adresses") is an error, not silently dropped data.
// Defaults are factories: zod hands out a literal default object itself, shared by every parse.

export const TOPOLOGY_FORMAT = 'patchbay.topology';
/** Version 2 folded version 1's `policies` into `intents` (core/topology/migrations/). */
export const TOPOLOGY_VERSION = 2;

/** FreeBSD major releases whose rules differ for us (see docs/freebsd.md §12). */
export const FREEBSD_RELEASES = ['13', '14', '15'] as const;

// Long enough for discovered ids like "jail:<nested.jail.path>:<interface>".
export const IdSchema = z
  .string()
  .min(1)
  .max(320)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids are 1-320 letters, digits, "_", ".", ":" or "-"');

const interfaceBase = {
  id: IdSchema,
  name: z.string().max(64),
  description: z.string().max(256).optional(),
  /** Unset means the kernel default (1500 for ethernet, epair and bridge). */
  mtu: z.number().int().min(1).max(65535).optional(),
  mac: z
    .string()
    .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'a MAC address is six lower-case hex pairs, like 02:d6:ec:ad:52:0a')
    .optional(),
  up: z.boolean().default(true),
  /** Addresses in CIDR form, IPv4 and IPv6 mixed; the first IPv4 one is the primary. */
  addresses: z.array(z.string()).default(() => []),
  /**
   * User-defined interface groups, as `ifconfig IF group NAME` adds them (ifconfig(8)); pf's `on NAME`
   * matches every member. The kernel's own groups (`all`, the cloner's, `egress`) are implied, never
   * listed. Optional with no default, so a stored design without groups serializes as before.
   * Names are checked by validate() (rule interface.group.name).
   */
  groups: z.array(z.string().max(64)).max(64).optional(),
};

export const PhysicalInterfaceSchema = z.strictObject({ kind: z.literal('physical'), ...interfaceBase });

export const BridgeInterfaceSchema = z.strictObject({
  kind: z.literal('bridge'),
  ...interfaceBase,
  /** Ids of member interfaces, in the order they were added. */
  members: z.array(IdSchema).default(() => []),
});

export const EpairEndSchema = z.strictObject({
  kind: z.literal('epair'),
  ...interfaceBase,
  end: z.enum(['a', 'b']),
  /** Id of the other end of the same epair, which may live in another stack. */
  peer: IdSchema,
});

export const LoopbackInterfaceSchema = z.strictObject({ kind: z.literal('loopback'), ...interfaceBase });

export const InterfaceSchema = z.discriminatedUnion('kind', [
  PhysicalInterfaceSchema,
  BridgeInterfaceSchema,
  EpairEndSchema,
  LoopbackInterfaceSchema,
]);

export const StaticRouteSchema = z.strictObject({
  /** Destination network in CIDR form. */
  destination: z.string(),
  /** The next hop (route(8) `route add -net X GATEWAY`). Exactly one of `gateway` and `interface`. */
  gateway: z.string().optional(),
  /**
   * An interface route: route(8) `route add -net X -iface IF`, the destination is directly reachable
   * on that interface (of this stack), with no gateway. Checked by validate() (rule route.target).
   */
  interface: IdSchema.optional(),
});

export const NatRuleSchema = z.strictObject({
  /** Id of the interface (in this stack) whose address the sources are translated to. */
  egress: IdSchema,
  sources: z.array(z.string()).min(1),
});

/**
 * pf as read from a stack: the admin's own ruleset, which Patchbay never rewrites but the audit
 * evaluates. Text exactly as pfctl lists it, anchors inline (docs/freebsd.md §9.1).
 */
/** pf's limit on a table name: PF_TABLE_NAME_SIZE is 32 with the NUL (sys/net/pfvar.h). */
const PfTableNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,31}$/, 'a pf table name is 1-31 letters, digits, "_", ".", ":" or "-"');

/**
 * One pf table as read at run time (`pfctl -a ANCHOR -s Tables`, `pfctl -a ANCHOR -t NAME -T show`):
 * its running contents, which `pfctl -sr` does not print and a `persist file` table keeps out of pf.conf.
 */
export const PfTableSchema = z.strictObject({
  /** Anchor path the table belongs to; "" for the main ruleset (tables are scoped per anchor). */
  anchor: z.string().max(1024).default(''),
  name: PfTableNameSchema,
  /** Entries as pfctl prints them: "10.17.89.1", "192.168.0.0/16", "!10.0.0.1", "2001:db8::/64". */
  entries: z
    .array(z.string().max(64))
    .max(100_000)
    .default(() => []),
});

export const PrintedPfRulesetSchema = z.strictObject({
  enabled: z.boolean(),
  /** `pfctl -s rules -a '*'`: filter rules, with each anchor's rules in an `anchor "x" all { ... }` block. */
  rules: z.string().max(2_000_000).default(''),
  /** `pfctl -s nat -a '*'`: nat and rdr rules. */
  nat: z.string().max(2_000_000).default(''),
  /** Tables with their running contents, in every anchor that has any. */
  tables: z.array(PfTableSchema).max(10_000).optional(),
  /**
   * A whole pf.conf as pasted by a user (options, tables, translation and filter rules in one
   * text). When present the audit reads it instead of `rules` and `nat`, split the way pfctl would.
   */
  conf: z.string().max(2_000_000).optional(),
});

/**
 * `net.link.bridge.pfil_member` / `pfil_bridge` in one vnet (per vnet, default 1: if_bridge.c,
 * docs/freebsd.md §9.3). They decide whether bridged frames meet that vnet's pf.
 */
export const BridgeFilterSchema = z.strictObject({ member: z.boolean(), bridge: z.boolean() });

const stackBase = {
  id: IdSchema,
  interfaces: z.array(InterfaceSchema).default(() => []),
  /** net.inet.ip.forwarding / net.inet6.ip6.forwarding */
  forwarding: z
    .strictObject({ ipv4: z.boolean().default(false), ipv6: z.boolean().default(false) })
    .default(() => ({ ipv4: false, ipv6: false })),
  defaultGateway: z.strictObject({ ipv4: z.string().optional(), ipv6: z.string().optional() }).default(() => ({})),
  staticRoutes: z.array(StaticRouteSchema).default(() => []),
  nat: z.array(NatRuleSchema).default(() => []),
  /** Absent in a design: pf runs only Patchbay's anchors, and only on the host when it has any. */
  pf: PrintedPfRulesetSchema.optional(),
  /** Absent: the kernel defaults (both 1). */
  bridgeFilter: BridgeFilterSchema.optional(),
};

export const HostStackSchema = z.strictObject({
  kind: z.literal('host'),
  ...stackBase,
  hostname: z.string().min(1).max(255),
});

/**
 * One address of a shared-IP jail, as jail(8) `ip4.addr` / `ip6.addr` take it: `interface|address`
 * (jail(8) adds it to that host interface as an alias while the jail runs) or a bare address that
 * is already on a host interface.
 */
export const JailAddressSchema = z.strictObject({
  /** Id of the host interface the address is added to; absent: it must already be on one. */
  interface: IdSchema.optional(),
  /** CIDR or bare address (a bare IPv4 address is a /32, IPv6 a /128, as jail(8) adds aliases). */
  address: z.string().max(64),
});

/**
 * A shared-IP (non-vnet) jail: `vnet` off, it uses its parent's network stack and may bind only to
 * the addresses listed, or to all of the parent's with `inherit` (jail(8) `ip4`/`ip6` = inherit).
 */
export const SharedIpSchema = z.strictObject({
  ip4: z.union([z.literal('inherit'), z.array(JailAddressSchema).max(256)]).default(() => []),
  ip6: z.union([z.literal('inherit'), z.array(JailAddressSchema).max(256)]).default(() => []),
});

/** A jail: a vnet jail with a network stack of its own, or, with `sharedIp`, one sharing its parent's. */
export const JailStackSchema = z.strictObject({
  kind: z.literal('jail'),
  ...stackBase,
  name: z.string().max(255),
  hostname: z.string().max(255).optional(),
  /** Id of the jail this one is nested in; absent for a jail directly under the host. */
  parent: IdSchema.optional(),
  /** jail(8) `children.max`: how many child jails this jail may create. */
  childrenMax: z.number().int().min(0).default(0),
  /** Its root and lifecycle, or another tool's; absent: network-only, as before (core/topology/jail-root.ts). */
  root: JailRootSchema.optional(),
  /** Present: not a vnet jail; it has no interfaces of its own and binds to these addresses. */
  sharedIp: SharedIpSchema.optional(),
});

export const StackSchema = z.discriminatedUnion('kind', [HostStackSchema, JailStackSchema]);

/** The LAN beyond a physical NIC. */
export const LanSegmentSchema = z.strictObject({
  kind: z.literal('lan'),
  id: IdSchema,
  name: z.string().min(1).max(64),
  cidr: z.string(),
  cidr6: z.string().optional(),
  gateway: z.string().optional(),
  /** Id of the physical interface plugged into this LAN. */
  uplink: IdSchema,
});

/** The internet, reached through a LAN's gateway. */
export const InternetSegmentSchema = z.strictObject({
  kind: z.literal('internet'),
  id: IdSchema,
  name: z.string().min(1).max(64).default('Internet'),
  /** Id of the LAN segment whose gateway leads to the internet. */
  via: IdSchema,
});

export const SegmentSchema = z.discriminatedUnion('kind', [LanSegmentSchema, InternetSegmentSchema]);

/** Who or what an intent talks about: a jail or the host, everything on a bridge, or a segment. */
export const EndpointSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stack'), id: IdSchema }),
  z.strictObject({ kind: z.literal('network'), id: IdSchema }),
  z.strictObject({ kind: z.literal('segment'), id: IdSchema }),
]);

const intentBase = { id: IdSchema, description: z.string().max(256).optional() };
/** What an intent is about: a jail (or the host), or every jail on a bridge. */
export const SubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stack'), id: IdSchema }),
  z.strictObject({ kind: z.literal('network'), id: IdSchema }),
]);

const ruleIntent = {
  ...intentBase,
  from: EndpointSchema,
  to: EndpointSchema,
  protocol: z.enum(['any', 'tcp', 'udp', 'icmp']).default('any'),
  ports: z.array(z.number().int().min(1).max(65535)).default(() => []),
};

/**
 * What must hold, in the user's words. Intents compile to pf rules (and NAT) in Patchbay's anchors,
 * and the audit checks each one against the whole effective network.
 */
export const IntentSchema = z.discriminatedUnion('kind', [
  /** Reaches nothing and is reached by nothing. */
  z.strictObject({ kind: z.literal('isolated'), ...intentBase, subject: SubjectSchema }),
  /** Reaches the internet; never the LAN, private ranges, the host or other jails. */
  z.strictObject({ kind: z.literal('internet-only'), ...intentBase, subject: SubjectSchema }),
  /** Reaches the LAN; never the internet. */
  z.strictObject({ kind: z.literal('lan-only'), ...intentBase, subject: SubjectSchema }),
  /** Nothing else reaches it: no jail, not the host, not the LAN, not the internet. */
  z.strictObject({ kind: z.literal('unreachable'), ...intentBase, subject: SubjectSchema }),
  /**
   * A plain pf rule from `from` to `to` (version 1's policies): stateless, IPv4 and IPv6, in an
   * anchor of its own where every deny comes before every allow.
   */
  z.strictObject({ kind: z.literal('allow'), ...ruleIntent }),
  z.strictObject({ kind: z.literal('deny'), ...ruleIntent }),
  /** `from` may reach `to`, on the protocol and ports given (all ports when none are). */
  z.strictObject({
    kind: z.literal('may-reach'),
    ...intentBase,
    from: EndpointSchema,
    to: EndpointSchema,
    protocol: z.enum(['any', 'tcp', 'udp', 'icmp']).default('any'),
    ports: z
      .array(z.number().int().min(1).max(65535))
      .max(64)
      .default(() => []),
  }),
  /**
   * Of `subject`, only the listed ports are reachable from `origin` (nothing when `allow` is empty):
   * "nothing of this jail reachable from the internet", "only tcp/443 from the LAN". A check only,
   * like may-reach: it compiles to no pf rule; the audit's Exposed view decides it. Not `from`:
   * that would make it a pair intent (isPairIntent).
   */
  z.strictObject({
    kind: z.literal('inbound-only'),
    ...intentBase,
    subject: SubjectSchema,
    origin: z.enum(['internet', 'lan']),
    allow: z
      .array(z.strictObject({ protocol: z.enum(['tcp', 'udp']), port: z.number().int().min(1).max(65535) }))
      .max(64)
      .default(() => []),
  }),
]);

// JSON has no -0, so it is folded to 0 here; otherwise a position would not survive a save.
const coordinate = z.number().transform((n) => n + 0);
export const PositionSchema = z.strictObject({ x: coordinate, y: coordinate });

/** Where things are drawn. Kept apart from semantics: moving a node never changes the network. */
export const LayoutSchema = z.strictObject({
  positions: z.record(IdSchema, PositionSchema).default(() => ({})),
});

export const TopologySchema = z.strictObject({
  format: z.literal(TOPOLOGY_FORMAT),
  version: z.literal(TOPOLOGY_VERSION),
  name: z.string().min(1).max(120),
  target: z
    .strictObject({ freebsd: z.enum(FREEBSD_RELEASES).default('14') })
    .default(() => ({ freebsd: '14' as const })),
  stacks: z.array(StackSchema).min(1),
  segments: z.array(SegmentSchema).default(() => []),
  intents: z.array(IntentSchema).default(() => []),
  layout: LayoutSchema.default(() => ({ positions: {} })),
});

export type Topology = z.output<typeof TopologySchema>;
export type TopologyInput = z.input<typeof TopologySchema>;
export type Stack = z.output<typeof StackSchema>;
export type HostStack = z.output<typeof HostStackSchema>;
export type JailStack = z.output<typeof JailStackSchema>;
export type Interface = z.output<typeof InterfaceSchema>;
export type InterfaceKind = Interface['kind'];
export type BridgeInterface = z.output<typeof BridgeInterfaceSchema>;
export type EpairEnd = z.output<typeof EpairEndSchema>;
export type PhysicalInterface = z.output<typeof PhysicalInterfaceSchema>;
export type StaticRoute = z.output<typeof StaticRouteSchema>;
export type NatRule = z.output<typeof NatRuleSchema>;
export type Segment = z.output<typeof SegmentSchema>;
export type LanSegment = z.output<typeof LanSegmentSchema>;
export type InternetSegment = z.output<typeof InternetSegmentSchema>;
export type Endpoint = z.output<typeof EndpointSchema>;
export type Intent = z.output<typeof IntentSchema>;
export type IntentKind = Intent['kind'];
export type Subject = z.output<typeof SubjectSchema>;
export type PrintedPfRuleset = z.output<typeof PrintedPfRulesetSchema>;
export type PfTable = z.output<typeof PfTableSchema>;
export type SharedIp = z.output<typeof SharedIpSchema>;
export type JailAddress = z.output<typeof JailAddressSchema>;
export type BridgeFilter = z.output<typeof BridgeFilterSchema>;
export type Layout = z.output<typeof LayoutSchema>;
export type FreebsdRelease = (typeof FREEBSD_RELEASES)[number];

/** Intents between two endpoints (allow, deny, may-reach); the others are about one subject. */
export type PairIntent = Extract<Intent, { from: Endpoint }>;
export type SubjectIntent = Exclude<Intent, PairIntent>;
export function isPairIntent(intent: Intent): intent is PairIntent {
  return 'from' in intent;
}
