import type { Release } from '../state';

// The words ifconfig(8) knows, as FreeBSD's own command tables define them. Full notes with
// citations: docs/freebsd/ifconfig.md. This file is data only; the parser lives elsewhere.
//
// Where the tables were read (see IFCONFIG_WORD_SOURCES):
// - "F": fel1x-developer/freebsd-src, commit 2d614aa2. This is a GitHub fork of freebsd/freebsd-src.
//   The search store holds only old revisions of freebsd/freebsd-src's sbin/ifconfig, so the fork is
//   the newest readable text. It is a main-branch revision from after 14.0 (netlink ifconfig,
//   `-j jail`) and before 15.0 (no bridge VLAN filtering, no epair ether_gen_addr tunable). The
//   fork's text was not compared with upstream.
// - "13": freebsd/freebsd-src sbin/ifconfig/ifconfig.c, commit 94ac312a (13-CURRENT era). Only
//   basic_cmds was compared with F.
// - "P": paigeadelethompson/freebsd-src, commit 28e0d866. A fork with local changes (its ifconfig.h
//   drops `jail_name`, and it adds printing helpers). Only its bridge VLAN words are used, marked
//   releases ['15'] and unverified upstream.
//
// `releases` is set only where two revisions were seen to differ. An entry without it was read in
// F only; whether 13 has it was not checked.

export type ArgKind = 'none' | 'nextarg' | 'optarg' | 'nextarg2' | 'sparam';

export interface IfconfigWord {
  name: string;
  arg: ArgKind;
  /** DEF_CLONE_CMD*: only right after `create` */
  cloneOp?: boolean;
  /** source file under sbin/ifconfig, e.g. "ifbridge.c" */
  file: string;
  /** when only some releases have it */
  releases?: readonly Release[];
}

/** Where each file's table was read: repository and commit (first 8 hex). */
export const IFCONFIG_WORD_SOURCES: Readonly<Record<string, { repo: string; commit: string; table: string }>> = {
  'ifconfig.c': {
    repo: 'fel1x-developer/freebsd-src',
    commit: '2d614aa2',
    table: 'basic_cmds[] (also freebsd/freebsd-src@94ac312a)',
  },
  'ifclone.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'clone_cmds[]' },
  'ifgroup.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'group_cmds[]' },
  'iffib.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'fib_cmds[]' },
  'ifmedia.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'media_cmds[]' },
  'af_inet6.c': {
    repo: 'fel1x-developer/freebsd-src',
    commit: '2d614aa2',
    table: 'inet6_cmds[] (the nd6 words live here; af_nd6.c has no table)',
  },
  'ifvlan.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'vlan_cmds[]' },
  'ifvxlan.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'vxlan_cmds[]' },
  'ifgre.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'gre_cmds[]' },
  'ifgif.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'gif_cmds[]' },
  'ifipsec.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'ipsec_cmds[]' },
  'ifmac.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'mac_cmds[]' },
  'ifstf.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'stf_cmds[]' },
  'carp.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'carp_cmds[]' },
  'ifpfsync.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'pfsync_cmds[]' },
  'iflagg.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'lagg_cmds[]' },
  'ifbridge.c': {
    repo: 'fel1x-developer/freebsd-src',
    commit: '2d614aa2',
    table: 'bridge_cmds[] (VLAN words: paigeadelethompson/freebsd-src@28e0d866)',
  },
  'ifieee80211.c': { repo: 'fel1x-developer/freebsd-src', commit: '2d614aa2', table: 'ieee80211_cmds[]' },
  'ifgeneve.c': { repo: 'freebsd/freebsd-src', commit: '688e289e', table: 'geneve_cmds[]' },
};

const NEVER: readonly Release[] = []; // seen only in a main-branch revision, or only in a non-default build
const R13: readonly Release[] = ['13'];
const R14_15: readonly Release[] = ['14', '15'];
const R15: readonly Release[] = ['15'];

function table(
  file: string,
  rows: ReadonlyArray<readonly [string, ArgKind, { clone?: boolean; releases?: readonly Release[] }?]>,
): IfconfigWord[] {
  return rows.map(([name, arg, extra]) => ({
    name,
    arg,
    file,
    ...(extra?.clone ? { cloneOp: true } : {}),
    ...(extra?.releases ? { releases: extra.releases } : {}),
  }));
}

/** `word` and `-word`, both taking no argument. */
function pairs(...names: string[]): Array<readonly [string, ArgKind]> {
  return names.flatMap((n) => [[n, 'none'] as const, [`-${n}`, 'none'] as const]);
}

// ifconfig.c basic_cmds[] (F). Differences with 94ac312a are marked.
const BASIC = table('ifconfig.c', [
  ['up', 'none'],
  ['down', 'none'],
  ['arp', 'none'],
  ['-arp', 'none'],
  ['debug', 'none'],
  ['-debug', 'none'],
  ['description', 'nextarg'],
  ['descr', 'nextarg'],
  ['-description', 'none'],
  ['-descr', 'none'],
  ['promisc', 'none'],
  ['-promisc', 'none'],
  ['add', 'none'], // notealias(+IFF_UP)
  ['alias', 'none'], // notealias(+IFF_UP)
  ['-alias', 'none'], // notealias(-IFF_UP)
  ['delete', 'none'], // notealias(-IFF_UP)
  ['remove', 'none'], // notealias(-IFF_UP)
  ['netmask', 'nextarg'],
  ['metric', 'nextarg'],
  ['broadcast', 'nextarg'],
  ['tunnel', 'nextarg2'],
  ['-tunnel', 'none'],
  ['deletetunnel', 'none'],
  ['vnet', 'nextarg'], // #ifdef JAIL
  ['-vnet', 'nextarg'], // #ifdef JAIL
  ...pairs('link0', 'link1', 'link2', 'monitor'),
  ['mextpg', 'none', { releases: R14_15 }], // absent at 94ac312a, which has nomap instead
  ['-mextpg', 'none', { releases: R14_15 }],
  ['nomap', 'none', { releases: R13 }], // 94ac312a only; whether 13.x releases still have it is unverified
  ['-nomap', 'none', { releases: R13 }],
  ['staticarp', 'none'],
  ['-staticarp', 'none'],
  ['stickyarp', 'none', { releases: R14_15 }], // absent at 94ac312a
  ['-stickyarp', 'none', { releases: R14_15 }],
  ...pairs('rxcsum6', 'txcsum6', 'rxcsum', 'txcsum', 'netcons'),
  ['pcp', 'nextarg'],
  ['-pcp', 'none'],
  ...pairs('polling', 'tso6', 'tso4', 'tso', 'toe', 'lro', 'txtls'),
  ['rxtls', 'sparam', { releases: R14_15 }], // DEF_CMD_SARG -> setifcapnv; absent at 94ac312a
  ['-rxtls', 'sparam', { releases: R14_15 }],
  ...pairs('wol', 'wol_ucast', 'wol_mcast', 'wol_magic', 'txrtlmt', 'txtlsrtlmt', 'hwrxtstmp'),
  ['normal', 'none'],
  ['compress', 'none'],
  ['noicmp', 'none'],
  ['mtu', 'nextarg'],
  ['name', 'nextarg'],
]);

const CLONE = table('ifclone.c', [
  ['create', 'none', { clone: true }],
  ['destroy', 'none'],
  ['plumb', 'none', { clone: true }],
  ['unplumb', 'none'],
]);

const GROUP = table('ifgroup.c', [
  ['group', 'nextarg'],
  ['-group', 'nextarg'],
]);

const FIB = table('iffib.c', [
  ['fib', 'nextarg'],
  ['tunnelfib', 'nextarg'],
]);

const MEDIA = table('ifmedia.c', [
  ['media', 'nextarg'],
  ['mode', 'nextarg'],
  ['mediaopt', 'nextarg'],
  ['-mediaopt', 'nextarg'],
  ['inst', 'nextarg'],
  ['instance', 'nextarg'],
]);

// inet6_cmds[] is registered only when feature_present("inet6") (inet6_ctor).
const INET6 = table('af_inet6.c', [
  ['prefixlen', 'nextarg'],
  ['anycast', 'none'],
  ...pairs(
    'tentative',
    'deprecated',
    'autoconf',
    'prefer_source',
    'accept_rtadv',
    'no_radr',
    'defaultif',
    'ifdisabled',
    'nud',
    'auto_linklocal',
    'no_prefer_iface',
    'no_dad',
  ),
  ['pltime', 'nextarg'],
  ['vltime', 'nextarg'],
  ['eui64', 'none'],
  ['ipv6_only', 'none', { releases: NEVER }], // #ifdef EXPERIMENTAL (Makefile: MK_EXPERIMENTAL)
  ['-ipv6_only', 'none', { releases: NEVER }],
]);

const VLAN = table('ifvlan.c', [
  ['vlan', 'nextarg', { clone: true }],
  ['vlandev', 'nextarg', { clone: true }],
  ['vlanproto', 'nextarg', { clone: true }],
  ['vlanpcp', 'nextarg'],
  ['vlan', 'nextarg'],
  ['vlandev', 'nextarg'],
  ['vlanproto', 'nextarg'],
  ['-vlandev', 'optarg'], // DEF_CMD_OPTARG "for compatibility"
  ...pairs('vlanmtu', 'vlanhwtag', 'vlanhwfilter', 'vlanhwtso', 'vlanhwcsum'),
]);

const VXLAN_ARG = ['vni', 'vxlanid', 'vxlanlocal', 'vxlanremote', 'vxlangroup', 'vxlanlocalport', 'vxlanremoteport'];
const VXLAN_ARG2 = ['vxlantimeout', 'vxlanmaxaddr', 'vxlandev', 'vxlanttl'];
const VXLAN = table('ifvxlan.c', [
  ...VXLAN_ARG.map((n) => [n, 'nextarg', { clone: true }] as const),
  ['vxlanportrange', 'nextarg2', { clone: true }],
  ...VXLAN_ARG2.map((n) => [n, 'nextarg', { clone: true }] as const),
  ['vxlanlearn', 'none', { clone: true }],
  ['-vxlanlearn', 'none', { clone: true }],
  ...VXLAN_ARG.map((n) => [n, 'nextarg'] as const),
  ['vxlanportrange', 'nextarg2'],
  ...VXLAN_ARG2.map((n) => [n, 'nextarg'] as const),
  ['vxlanlearn', 'none'],
  ['-vxlanlearn', 'none'],
  ['vxlanflush', 'none'],
  ['vxlanflushall', 'none'],
  ...pairs('vxlanhwcsum', 'vxlanhwtso'),
]);

const GRE = table('ifgre.c', [
  ['grekey', 'nextarg'],
  ['udpport', 'nextarg'],
  ...pairs('enable_csum', 'enable_seq', 'udpencap'),
]);

const GIF = table('ifgif.c', [...pairs('ignore_source')]);

const IPSEC = table('ifipsec.c', [['reqid', 'nextarg']]);

const MAC = table('ifmac.c', [['maclabel', 'nextarg']]);

// ifstf.c is not in sbin/ifconfig/Makefile at freebsd/freebsd-src@023fc80e (a pre-netlink revision).
const STF = table('ifstf.c', [
  ['stfv4net', 'nextarg', { releases: R14_15 }],
  ['stfv4br', 'nextarg', { releases: R14_15 }],
]);

const CARP = table('carp.c', [
  ['advbase', 'nextarg'],
  ['advskew', 'nextarg'],
  ['pass', 'nextarg'],
  ['vhid', 'nextarg'],
  ['state', 'nextarg'],
  ['peer', 'nextarg'],
  ['mcast', 'none'],
  ['peer6', 'nextarg'],
  ['mcast6', 'none'],
]);

const PFSYNC = table('ifpfsync.c', [
  ['syncdev', 'nextarg'],
  ['-syncdev', 'none'],
  ['syncif', 'nextarg'],
  ['-syncif', 'none'],
  ['syncpeer', 'nextarg'],
  ['-syncpeer', 'none'],
  ['maxupd', 'nextarg'],
  ['defer', 'none'],
  ['-defer', 'none'],
  ['version', 'nextarg'],
]);

const LAGG = table('iflagg.c', [
  ['laggtype', 'nextarg', { clone: true }],
  ['laggport', 'nextarg'],
  ['-laggport', 'nextarg'],
  ['laggproto', 'nextarg'],
  ['lagghash', 'nextarg'],
  ...pairs('use_flowid', 'use_numa', 'lacp_strict', 'lacp_txtest', 'lacp_rxtest', 'lacp_fast_timeout'),
  ['flowid_shift', 'nextarg'],
  ['rr_limit', 'nextarg'],
]);

const BRIDGE_MEMBER_FLAGS = ['discover', 'learn', 'sticky', 'span', 'stp', 'edge', 'autoedge', 'ptp', 'autoptp'];
const BRIDGE = table('ifbridge.c', [
  ['addm', 'nextarg'], // P has DEF_CMD_VARG("addm") with `untagged <vid>` / `tagged <set>`: see the note after this table
  ['deletem', 'nextarg'],
  ...BRIDGE_MEMBER_FLAGS.flatMap((n) => [[n, 'nextarg'] as const, [`-${n}`, 'nextarg'] as const]),
  ['flush', 'none'],
  ['flushall', 'none'],
  ['static', 'nextarg2'],
  ['deladdr', 'nextarg'],
  ['addr', 'none'],
  ['maxaddr', 'nextarg'],
  ['hellotime', 'nextarg'],
  ['fwddelay', 'nextarg'],
  ['maxage', 'nextarg'],
  ['priority', 'nextarg'],
  ['proto', 'nextarg'],
  ['holdcnt', 'nextarg'],
  ['ifpriority', 'nextarg2'],
  ['ifpathcost', 'nextarg2'],
  ['ifmaxaddr', 'nextarg2'],
  ['timeout', 'nextarg'],
  ['private', 'nextarg'],
  ['-private', 'nextarg'],
  // Bridge VLAN filtering, read in fork P only (absent in F). Assumed to be 15.0's; unverified upstream.
  ['ifuntagged', 'nextarg2', { releases: R15 }],
  ['-ifuntagged', 'nextarg', { releases: R15 }],
  ['iftagged', 'nextarg2', { releases: R15 }],
  ['+iftagged', 'nextarg2', { releases: R15 }],
  ['-iftagged', 'nextarg2', { releases: R15 }],
  ['ifvlanproto', 'nextarg2', { releases: R15 }],
  ['vlanfilter', 'none', { releases: R15 }],
  ['-vlanfilter', 'none', { releases: R15 }],
  ['defuntagged', 'nextarg', { releases: R15 }],
  ['-defuntagged', 'none', { releases: R15 }],
  ['defqinq', 'none', { releases: R15 }],
  ['-defqinq', 'none', { releases: R15 }],
  ['qinq', 'nextarg', { releases: R15 }],
  ['-qinq', 'nextarg', { releases: R15 }],
]);

// In fork P, addm/static/deladdr are DEF_CMD_VARG (ARGVECTOR: the handler consumes as many following
// words as it understands). Not representable as an ArgKind; unverified upstream. For the record
// (paigeadelethompson/freebsd-src sbin/ifconfig/ifbridge.c, commit 28e0d866):
//   addm <interface> [untagged <vlan-id>] [tagged <vlan-set>]   setbridge_add()
//   static <interface> <address> [vlan <id>]                     setbridge_static()
//   deladdr <address> [vlan <id>]                                setbridge_deladdr()

const IEEE80211_ARG = [
  'ssid',
  'nwid',
  'meshid',
  'stationname',
  'station',
  'channel',
  'authmode',
  'powersavemode',
  'powersavesleep',
  'wepmode',
  'deftxkey',
  'weptxkey',
  'wepkey',
  'nwkey',
  'rtsthreshold',
  'protmode',
  'txpower',
  'roaming',
  'chanlist',
  'bssid',
  'ap',
  'list',
  'acm',
  '-acm',
  'ack',
  '-ack',
  'dtimperiod',
  'bintval',
  'mac:add',
  'mac:del',
  'mac:kick',
  'bgscanidle',
  'bgscanintvl',
  'scanvalid',
  'quiet_count',
  'quiet_period',
  'quiet_duration',
  'quiet_offset',
  'roam:rssi',
  'roam:rate',
  'mcastrate',
  'ucastrate',
  'mgtrate',
  'mgmtrate',
  'maxretry',
  'fragthreshold',
  'bmiss',
  'bmissthreshold',
  'ampdulimit',
  'ampdudensity',
  'amsdulimit',
  'regdomain',
  'country',
  'htprotmode',
  'chanswitch',
  'tdmaslot',
  'tdmaslotcnt',
  'tdmaslotlen',
  'tdmabintval',
  'meshttl',
  'meshmetric',
  'meshpath',
  'meshrt:add',
  'meshrt:del',
  'hwmprootmode',
  'hwmpmaxhops',
];
const IEEE80211_ARG2 = ['cwmin', 'cwmax', 'aifs', 'txoplimit', 'bss:cwmin', 'bss:cwmax', 'bss:aifs', 'bss:txoplimit'];
const IEEE80211_NONE = [
  ...[
    'powersave',
    'wep',
    'wme',
    'wmm',
    'hidessid',
    'apbridge',
    'pureg',
    'ff',
    'dturbo',
    'bgscan',
    'quiet',
    'burst',
    'shortgi',
    'ampdurx',
    'ampdutx',
    'ampdu',
    'amsdurx',
    'amsdutx',
    'amsdu',
    'stbcrx',
    'stbctx',
    'stbc',
    'ldpcrx',
    'ldpctx',
    'ldpc',
    'uapsd',
    'puren',
    'doth',
    'dfs',
    'htcompat',
    'dwds',
    'inact',
    'tsn',
    'indoor',
    'outdoor',
    'ecm',
    'dotd',
    'ht20',
    'ht40',
    'ht',
    'vht',
    'vht40',
    'vht80',
    'vht160',
    'vht80p80',
    'rifs',
    'meshforward',
    'meshgate',
    'meshpeering',
  ].flatMap((n) => [n, `-${n}`]),
  '-nwkey',
  'scan',
  'mac:open',
  'mac:allow',
  'mac:deny',
  'mac:radius',
  'mac:flush',
  'mac:detach',
  'anywhere',
  'smps',
  'smpsdyn',
  '-smps',
  'meshrt:flush',
];
const IEEE80211 = table('ifieee80211.c', [
  ...IEEE80211_ARG.map((n) => [n, 'nextarg'] as const),
  ...IEEE80211_ARG2.map((n) => [n, 'nextarg2'] as const),
  ...IEEE80211_NONE.map((n) => [n, 'none'] as const),
  // vap cloning support
  ['wlanaddr', 'nextarg', { clone: true }],
  ['wlanbssid', 'nextarg', { clone: true }],
  ['wlandev', 'nextarg', { clone: true }],
  ['wlanmode', 'nextarg', { clone: true }],
  ['beacons', 'none', { clone: true }],
  ['-beacons', 'none', { clone: true }],
  ['bssid', 'none', { clone: true }],
  ['-bssid', 'none', { clone: true }],
  ['wdslegacy', 'none', { clone: true }],
  ['-wdslegacy', 'none', { clone: true }],
]);

// ifgeneve.c was read only at freebsd/freebsd-src@688e289e (main); absent from F. No release attributed.
const GENEVE_ARG = [
  'geneveid',
  'genevelocal',
  'geneveremote',
  'genevegroup',
  'genevelocalport',
  'geneveremoteport',
  'genevetimeout',
  'genevemaxaddr',
  'genevedev',
  'genevettl',
  'genevedf',
];
const GENEVE = table('ifgeneve.c', [
  ['genevemode', 'nextarg', { clone: true, releases: NEVER }],
  ...GENEVE_ARG.map((n) => [n, 'nextarg', { releases: NEVER }] as const),
  ['geneveportrange', 'nextarg2', { releases: NEVER }],
  ...['genevedscpinherit', 'genevelearn', 'geneveexternal'].flatMap((n) => [
    [n, 'none', { releases: NEVER }] as const,
    [`-${n}`, 'none', { releases: NEVER }] as const,
  ]),
  ['geneveflushall', 'none', { releases: NEVER }],
  ['geneveflush', 'none', { releases: NEVER }],
  ['genevehwcsum', 'sparam', { releases: NEVER }],
  ['-genevehwcsum', 'sparam', { releases: NEVER }],
  ['genevehwtso', 'sparam', { releases: NEVER }],
  ['-genevehwtso', 'sparam', { releases: NEVER }],
]);

export const IFCONFIG_WORDS: readonly IfconfigWord[] = [
  ...BASIC,
  ...CLONE,
  ...GROUP,
  ...FIB,
  ...MEDIA,
  ...INET6,
  ...VLAN,
  ...VXLAN,
  ...GRE,
  ...GIF,
  ...IPSEC,
  ...MAC,
  ...STF,
  ...CARP,
  ...PFSYNC,
  ...LAGG,
  ...BRIDGE,
  ...IEEE80211,
  ...GENEVE,
];

/**
 * af_register() names. af_getbyname() matches any of them, so each is recognised as an address
 * family in the positions where ifconfig looks for one (the first word after the interface name,
 * after `create`'s clone words, or the single listing argument of -a/-l). The af_* entries are
 * AF_UNSPEC holders of status printers, but they still match. af_nd6.c registers none.
 */
export const ADDRESS_FAMILIES: readonly {
  name: string;
  family: 'inet' | 'inet6' | 'link' | 'other';
  file: string;
  releases?: readonly Release[];
}[] = [
  { name: 'link', family: 'link', file: 'af_link.c' },
  { name: 'ether', family: 'link', file: 'af_link.c' },
  { name: 'lladdr', family: 'link', file: 'af_link.c' },
  { name: 'inet', family: 'inet', file: 'af_inet.c' }, // only if feature_present("inet")
  { name: 'inet6', family: 'inet6', file: 'af_inet6.c' }, // only if feature_present("inet6")
  { name: 'af_bridge', family: 'other', file: 'ifbridge.c' },
  { name: 'af_group', family: 'other', file: 'ifgroup.c' },
  { name: 'af_fib', family: 'other', file: 'iffib.c' },
  { name: 'af_gif', family: 'other', file: 'ifgif.c' },
  { name: 'af_gre', family: 'other', file: 'ifgre.c' },
  { name: 'af_ipsec', family: 'other', file: 'ifipsec.c' },
  { name: 'af_maclabel', family: 'other', file: 'ifmac.c' },
  { name: 'af_stf', family: 'other', file: 'ifstf.c', releases: R14_15 },
  { name: 'af_carp', family: 'other', file: 'carp.c' },
  { name: 'af_vlan', family: 'other', file: 'ifvlan.c' },
  { name: 'af_lagg', family: 'other', file: 'iflagg.c' },
  { name: 'af_pfsync', family: 'other', file: 'ifpfsync.c' },
  { name: 'af_media', family: 'other', file: 'ifmedia.c' },
  { name: 'af_vxlan', family: 'other', file: 'ifvxlan.c' },
  { name: 'af_ieee80211', family: 'other', file: 'ifieee80211.c' },
  { name: 'af_geneve', family: 'other', file: 'ifgeneve.c', releases: NEVER },
];

/**
 * main()'s getopt(3) string with the module options appended, at F (fel1x-developer/freebsd-src
 * sbin/ifconfig/ifconfig.c args_parse(), commit 2d614aa2). Options in the base string:
 *   G:  -G nogroup   exclude interfaces in this group; usage() unless -a came first
 *   a   -a           all interfaces
 *   d   -d           only interfaces that are down
 *   D   -D           print the driver name (not at 94ac312a)
 *   f:  -f type:fmt  output format (addr, ether, inet, inet6 categories)
 *   j:  -j jail      jail_getid + jail_attach before anything else (not at 94ac312a)
 *   k   -k           print keys
 *   l   -l           names only, one line
 *   m   -m           media choices
 *   n   -n           do not load kernel modules (ifmaybeload)
 *   u   -u           only interfaces that are up
 *   v   -v           verbose
 * Module options, appended in opt_register() order (a prepend list):
 *   g:  -g group     ifgroup.c printgroup(): print members and exit; with a preceding -a, it filters instead
 *   C   -C           ifclone.c list_cloners(): print cloner names and exit
 *   L   -L           af_inet6.c: print IPv6 lifetimes (registered only with inet6)
 * ifieee80211.c and sfp.c were not searched for opt_register().
 */
export const IFCONFIG_OPTIONS = 'G:adDf:j:klmnuvg:CL';

/** The same string at freebsd/freebsd-src sbin/ifconfig/ifconfig.c main() (commit 94ac312a): no -D, no -j. */
export const IFCONFIG_OPTIONS_94AC312A = 'G:adf:klmnuvg:CL';

/** Which word is found for `name`: the table holds at most one entry per (name, cloneOp). */
export function findIfconfigWord(name: string, iscreate: boolean, release?: Release): IfconfigWord | undefined {
  return IFCONFIG_WORDS.find(
    (w) =>
      w.name === name &&
      Boolean(w.cloneOp) === iscreate &&
      (release === undefined || w.releases === undefined || w.releases.includes(release)),
  );
}

/** af_getbyname(): exact, case-sensitive match. */
export function findAddressFamily(name: string, release?: Release) {
  return ADDRESS_FAMILIES.find(
    (a) => a.name === name && (release === undefined || a.releases === undefined || a.releases.includes(release)),
  );
}
