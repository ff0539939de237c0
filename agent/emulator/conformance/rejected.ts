import { mkbridge, mkepair, mkjail, PATCHBAY_ISSUE_13, S, sh } from './steps';
import type { RejectedEntry } from './types';

// Command lines FreeBSD refuses, each with the source line that refuses it and the text it prints.
// Most are a sourced line run in the wrong state or with one word wrong; the note says which.
// `changes` lists what FreeBSD has already applied when it stops: ifconfig applies its parameters
// in order (setifflags, setifdescr, setifname… issue their ioctl at once) and stops at the first
// errx/err; an address is only applied after the whole line has been read (ifconfig() "deferred
// operations"), so a bad word anywhere leaves addresses untouched.

const IFCONFIG_C = 'sbin/ifconfig/ifconfig.c';
const AF_INET_C = 'sbin/ifconfig/af_inet.c';
const IFBRIDGE_C = 'sbin/ifconfig/ifbridge.c';
const JAIL_C = 'usr.sbin/jail/jail.c';
const ROUTE_C = 'sbin/route/route.c';
const SYSCTL_C = 'sbin/sysctl/sysctl.c';
const PFCTL_C = 'sbin/pfctl/pfctl.c';

const UNKNOWN_WORD_IS_AN_ADDRESS =
  'ifconfig(): a word not in the command table becomes setifaddr (then setifdstaddr); af_inet.c in_getaddr() → in_getip(): errx(1, "%s: bad value", addr_str) once inet_aton, gethostbyname and getnetbyname all fail';

export const rejected: RejectedEntry[] = [
  // ---------------------------------------------------------------- ifconfig: word order
  {
    id: 'ifconfig.family-after-description',
    source: PATCHBAY_ISSUE_13,
    note: "The planner's own line. `description patchbay` is applied at once; `inet` is then read as an address.",
    setup: [mkepair, mkepair],
    run: sh('ifconfig epair1b description patchbay inet 10.0.0.2/24 alias up'),
    expect: { code: 1, stderr: 'ifconfig: inet: bad value\n' },
    rejectedBy: {
      path: AF_INET_C,
      function: 'in_getip (via ifconfig.c ifconfig → setifaddr)',
      line: 'errx(1, "%s: bad value", addr_str);',
    },
    changes: (view) => {
      view.interfaces['host/epair1b']!.description = 'patchbay';
    },
  },
  {
    id: 'ifconfig.two-addresses',
    source: S.bridgeTest('delete_with_members_body: ifconfig ${bridge} 192.0.2.1/24 up — with a second address added'),
    note: 'Constructed: two inet addresses in one call. The second is taken as the destination address (setifdstaddr); "10.0.0.3/24" is not an address inet_aton accepts (it keeps the "/24"). Nothing is applied: addresses are set after the whole line is read.',
    setup: [mkepair],
    run: sh('ifconfig epair0b inet 10.0.0.2/24 10.0.0.3/24'),
    expect: { code: 1, stderr: 'ifconfig: 10.0.0.3/24: bad value\n' },
    rejectedBy: {
      path: AF_INET_C,
      function: 'in_getip (via ifconfig.c setifdstaddr)',
      line: 'errx(1, "%s: bad value", addr_str);',
    },
  },
  {
    id: 'ifconfig.second-family',
    source: S.ifconfig8(
      'EXAMPLES: ifconfig em0 inet6 2001:db8:bdbd::123 prefixlen 48 alias — with an inet address first',
    ),
    note: 'Constructed: an IPv4 and an IPv6 address in one call. The family is only read right after the name, so `inet6` becomes the destination address.',
    setup: [mkepair],
    run: sh('ifconfig epair0b inet 10.0.0.2/24 inet6 fd00::2/64'),
    expect: { code: 1, stderr: 'ifconfig: inet6: bad value\n' },
    rejectedBy: {
      path: AF_INET_C,
      function: 'in_getip (via ifconfig.c setifdstaddr)',
      line: 'errx(1, "%s: bad value", addr_str);',
    },
  },
  {
    id: 'ifconfig.ether-not-after-name',
    source: S.bastilleNet(
      'lines 112 and 114 run as one call: ifconfig ${epair0} up … ; ifconfig ${host_epair} ether ${macaddr}a',
    ),
    note: 'Constructed: `ether` is an address family (af_link.c), recognised only right after the name; later it is read as an IPv4 address. `up` was applied before the error.',
    setup: [mkepair, sh('ifconfig epair0a up name e0a_web'), sh('ifconfig e0a_web down')],
    run: sh('ifconfig e0a_web up ether 58:9c:fc:10:d2:8a'),
    expect: { code: 1, stderr: 'ifconfig: ether: bad value\n' },
    rejectedBy: {
      path: AF_INET_C,
      function: 'in_getip (via ifconfig.c ifconfig → setifaddr)',
      line: UNKNOWN_WORD_IS_AN_ADDRESS,
    },
    changes: (view) => {
      view.interfaces['host/e0a_web']!.up = true;
    },
  },
  {
    id: 'ifconfig.prefix-too-long',
    source: S.ifconfigInet6Test('netmask_body: ifconfig ${ep}a inet6 2001:db8:1::1/64 — the inet form with a /33'),
    note: 'Constructed: a prefix length over 32.',
    setup: [mkepair],
    run: sh('ifconfig epair0b inet 10.0.0.2/33'),
    expect: { code: 1, stderr: 'ifconfig: 10.0.0.2/33: bad value (width too large)\n' },
    rejectedBy: {
      path: AF_INET_C,
      function: 'in_getaddr',
      line: 'errx(1, "%s: bad value (width %s)", s, errstr); /* strtonum(p + 1, 0, 32, &errstr) */',
    },
  },
  // ---------------------------------------------------------------- ifconfig: create and names
  {
    id: 'ifconfig.create-epair-end-name',
    source: S.vnetSubr('vnet_mkepair: ifconfig epair create — asked for by end name'),
    note: 'Constructed: the a-end name given to create. sys/net/if_epair.c epair_clone_match() accepts only "epair" or "epair<digits>", so no cloner matches and SIOCIFCREATE2 fails with EINVAL. The 14-era ifconfig adds the name to the message (ifcreate_ioctl, read at fel1x-developer/freebsd-src 2d614aa2 per docs/freebsd/ifconfig.md; 13\'s ifclone.c ifclonecreate said err(1, "SIOCIFCREATE2")).',
    setup: [],
    run: sh('ifconfig epair0a create'),
    expect: { code: 1, stderr: 'ifconfig: SIOCIFCREATE2 (epair0a): Invalid argument\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'ifcreate_ioctl (14-era; 13: ifclone.c ifclonecreate)',
      line: 'default: err(1, "SIOCIFCREATE2 (%s)", ifr->ifr_name);',
    },
  },
  {
    id: 'ifconfig.create-existing-bridge',
    source: S.bastilleSetup('configure_bridge() line 263: ifconfig bridge0 create — run a second time'),
    note: 'main() finds bridge0 with if_nametoindex and `create` is the only word left.',
    setup: [sh('ifconfig bridge0 create')],
    run: sh('ifconfig bridge0 create'),
    expect: { code: 1, stderr: 'ifconfig: interface bridge0 already exists\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'main',
      line: 'if (argc == 1) errx(1, "interface %s already exists", ifname);',
    },
  },
  {
    id: 'ifconfig.create-existing-epair-unit',
    source: S.handbookJails(
      'creating-vnet-jail: exec.prestart = "/sbin/ifconfig ${epair} create up" — run a second time',
    ),
    note: 'The retry failure of issue 13: "epair154" is not an interface name, so main() goes to create; the kernel finds the unit taken (if_epair.c epair_handle_unit: EEXIST). The 14-era ifcreate_ioctl words EEXIST as "interface %s already exists" with the requested name (13: err(1, "SIOCIFCREATE2") → "SIOCIFCREATE2: File exists"). Nothing else runs.',
    setup: [sh('ifconfig epair154 create up')],
    run: sh('ifconfig epair154 create up'),
    expect: { code: 1, stderr: 'ifconfig: interface epair154 already exists\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'ifcreate_ioctl (14-era; 13: ifclone.c ifclonecreate)',
      line: 'case EEXIST: errx(1, "interface %s already exists", ifr->ifr_name);',
    },
  },
  {
    id: 'ifconfig.clone-name-too-long',
    source: S.bastilleSetup('configure_bridge() line 263: ifconfig bridge0 create — with a 17-character unit name'),
    note: 'Constructed. IFNAMSIZ is 16 including the NUL. main() calls ifmaybeload() before the length check: the name cut at its first digit is "bridge", so if_bridge is loaded even though nothing is created.',
    setup: [],
    run: sh('ifconfig bridge12345678901 create'),
    expect: { code: 1, stderr: 'ifconfig: bridge12345678901: cloning name too long\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'main',
      line: 'if (isnametoolong(args->ifname)) errx(1, "%s: cloning name too long", args->ifname);',
    },
    changes: (view) => {
      if (!view.modules.includes('if_bridge')) view.modules = [...view.modules, 'if_bridge'].sort();
    },
  },
  {
    id: 'ifconfig.rename-too-long',
    source: S.bastilleNet(
      'generate_vnet_jail_netblock() line 112: ifconfig ${epair0} up name ${host_epair} — for a jail whose e0a_ name is 17 characters',
    ),
    note: 'Bastille avoids this: it uses e0a_${jail_name} only when `length < 16`. The kernel copies the new name with copyinstr(…, IFNAMSIZ) and gets ENAMETOOLONG. `up` was applied first.',
    setup: [mkepair],
    run: sh('ifconfig epair0a up name e0a_webserver1234'),
    expect: { code: 1, stderr: 'ifconfig: ioctl SIOCSIFNAME (set name): File name too long\n' },
    rejectedBy: { path: IFCONFIG_C, function: 'setifname', line: 'err(1, "ioctl SIOCSIFNAME (set name)");' },
    changes: (view) => {
      view.interfaces['host/epair0a']!.up = true;
    },
  },
  {
    id: 'ifconfig.listing-missing',
    source: S.jib('jib_addm step 1: ifconfig "e${i}a_$name" > /dev/null 2>&1 && continue'),
    note: '$i → 0, $name → www: jib\'s own "does it exist yet" probe, on a host where it does not.',
    setup: [],
    run: sh('ifconfig e0a_www'),
    expect: { code: 1, stderr: 'ifconfig: interface e0a_www does not exist\n' },
    rejectedBy: { path: IFCONFIG_C, function: 'main', line: 'errx(1, "interface %s does not exist", ifname);' },
  },
  {
    id: 'ifconfig.destroy-missing',
    source: S.vnetSubrOld('vnet_cleanup: ifconfig ${ifname} destroy — for an epair end already gone with its peer'),
    note: '${ifname} → epair0b after `ifconfig epair0a destroy` took both ends.',
    setup: [mkepair, sh('ifconfig epair0a destroy')],
    run: sh('ifconfig epair0b destroy'),
    expect: { code: 1, stderr: 'ifconfig: interface epair0b does not exist\n' },
    rejectedBy: { path: IFCONFIG_C, function: 'main', line: 'errx(1, "interface %s does not exist", ifname);' },
  },
  {
    id: 'ifconfig.address-on-host-after-move',
    source: S.passBlock('v4_body: jexec alcatraz ifconfig ${epair}b 192.0.2.2/24 up — run on the host instead'),
    note: "${epair} → epair0. Once in the jail's vnet the interface is gone from the host.",
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('ifconfig epair0b 192.0.2.2/24 up'),
    expect: { code: 1, stderr: 'ifconfig: interface epair0b does not exist\n' },
    rejectedBy: { path: IFCONFIG_C, function: 'main', line: 'errx(1, "interface %s does not exist", ifname);' },
  },
  // ---------------------------------------------------------------- ifconfig: vnet
  {
    id: 'ifconfig.vnet-missing-jail',
    source: S.vnetSubr('vnet_ifmove: ifconfig ${ifname} vnet ${jailname} — with no such jail'),
    note: 'libjail jail_getid() passes the kernel\'s errmsg through: sys/kern/kern_jail.c kern_jail_get() vfs_opterror(opts, "jail \\"%s\\" not found", name).',
    setup: [mkepair],
    run: sh('ifconfig epair0b vnet nosuch'),
    expect: { code: 1, stderr: 'ifconfig: jail "nosuch" not found\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'setifvnet',
      line: 'if (my_ifr.ifr_jid < 0) errx(1, "%s", jail_errmsg);',
    },
  },
  {
    id: 'ifconfig.reclaim-not-in-jail',
    source: S.bastilleNet(
      'generate_vnet_jail_netblock() line 181: ifconfig ${external_interface} -vnet ${jail_name} — for an interface that is not in the jail',
    ),
    note: "epair0b is on the host, so main() does not special-case -vnet; the kernel (sys/net/if.c if_vmove_reclaim) finds no epair0b in the jail's vnet: ENXIO. jid 1 is alcatraz.",
    setup: [mkepair, mkjail('alcatraz')],
    run: sh('ifconfig epair0b -vnet alcatraz'),
    expect: { code: 1, stderr: 'ifconfig: SIOCSIFRVNET(1, epair0b): Device not configured\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'setifrvnet',
      line: 'err(1, "SIOCSIFRVNET(%d, %s)", my_ifr.ifr_jid, my_ifr.ifr_name);',
    },
  },
  {
    id: 'ifconfig.reclaim-missing-jail',
    source: S.bastilleNet(
      'generate_vnet_jail_netblock() line 181: ifconfig ${external_interface} -vnet ${jail_name} — naming a jail that does not exist',
    ),
    note: 'epair0b is in alcatraz, so main() special-cases -vnet; the jail name is wrong.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('ifconfig epair0b -vnet nosuch'),
    expect: { code: 1, stderr: 'ifconfig: jail "nosuch" not found\n' },
    rejectedBy: {
      path: IFCONFIG_C,
      function: 'setifrvnet',
      line: 'if (my_ifr.ifr_jid < 0) errx(1, "%s", jail_errmsg);',
    },
  },
  // ---------------------------------------------------------------- ifconfig: bridge
  {
    id: 'ifconfig.addm-missing',
    source: S.bridgeTest(
      'bridge_transmit_ipv4_unicast_body: ifconfig ${bridge} addm ${epair_alcatraz}a — for an interface that does not exist',
    ),
    note: 'sys/net/if_bridge.c bridge_ioctl_add: ifunit() finds nothing, ENOENT.',
    setup: [mkbridge],
    run: sh('ifconfig bridge0 addm nosuch0'),
    expect: { code: 1, stderr: 'ifconfig: BRDGADD nosuch0: No such file or directory\n' },
    rejectedBy: { path: IFBRIDGE_C, function: 'setbridge_add', line: 'err(1, "BRDGADD %s", val);' },
  },
  {
    id: 'ifconfig.addm-twice',
    source: S.bridgeTest(
      'bridge_transmit_ipv4_unicast_body: ifconfig ${bridge} addm ${epair_alcatraz}a — run a second time',
    ),
    note: 'sys/net/if_bridge.c bridge_ioctl_add: the member already belongs to this bridge, EEXIST.',
    setup: [mkbridge, mkepair, sh('ifconfig bridge0 addm epair0a')],
    run: sh('ifconfig bridge0 addm epair0a'),
    expect: { code: 1, stderr: 'ifconfig: BRDGADD epair0a: File exists\n' },
    rejectedBy: { path: IFBRIDGE_C, function: 'setbridge_add', line: 'err(1, "BRDGADD %s", val);' },
  },
  {
    id: 'ifconfig.deletem-not-member',
    source: S.handbookJails(
      'creating-vnet-jail: exec.poststop = "/sbin/ifconfig ${bridge} deletem ${epair}a" — when it is not a member',
    ),
    note: 'sys/net/if_bridge.c bridge_ioctl_del: bridge_lookup_member() finds nothing, ENOENT.',
    setup: [mkbridge, sh('ifconfig epair154 create up')],
    run: sh('ifconfig bridge0 deletem epair154a'),
    expect: { code: 1, stderr: 'ifconfig: BRDGDEL epair154a: No such file or directory\n' },
    rejectedBy: { path: IFBRIDGE_C, function: 'setbridge_delete', line: 'err(1, "BRDGDEL %s", val);' },
  },
  {
    id: 'ifconfig.member-mtu',
    release: '15',
    source: S.bridgeTestMtu(
      'mtu_body: ifconfig ${epair}a mtu 1900 ("We\'re not allowed to change the MTU of a member interface")',
    ),
    note: '${bridge} → bridge0, ${epair} → epair0. The test asserts exit 1 and ignores stderr; the errno is not pinned here, so only the prefix is matched.',
    setup: [mkepair, mkbridge, sh('ifconfig bridge0 addm epair0a')],
    run: sh('ifconfig epair0a mtu 1900'),
    expect: { code: 1, stderr: /^ifconfig: ioctl SIOCSIFMTU \(set mtu\): [^\n]+\n$/ },
    rejectedBy: { path: IFCONFIG_C, function: 'setifmtu', line: 'err(1, "ioctl SIOCSIFMTU (set mtu)");' },
  },
  {
    id: 'ifconfig.addm-member-with-address',
    release: '15',
    source: S.bridgeTest(
      'delete_with_members_body: ifconfig ${bridge} addm ${epair}a — the member holding an IPv4 address',
    ),
    note: 'FreeBSD 15: with net.link.bridge.member_ifaddrs=0 (the default), adding a member that has an address returns EINVAL (bridge.4 on 15, quoted in the project docs/freebsd.md §1.4).',
    setup: [mkbridge, mkepair, sh('ifconfig epair0a 192.0.2.1/24 up')],
    run: sh('ifconfig bridge0 addm epair0a'),
    expect: { code: 1, stderr: 'ifconfig: BRDGADD epair0a: Invalid argument\n' },
    rejectedBy: { path: IFBRIDGE_C, function: 'setbridge_add', line: 'err(1, "BRDGADD %s", val);' },
  },
  // ---------------------------------------------------------------- jexec, jls, jail
  {
    id: 'jexec.missing-jail',
    source: S.vnetSubr('vnet_cleanup: jexec ${jailname} ifconfig ${ifname} destroy — after the jail is gone'),
    note: 'jexec resolves the name with libjail jail_getid(); the kernel\'s message is "jail \\"%s\\" not found".',
    setup: [mkepair, mkjail('alcatraz', 'epair0b'), sh('jail -r alcatraz')],
    run: sh('ifconfig epair0b destroy', 'alcatraz'),
    expect: { code: 1, stderr: 'jexec: jail "alcatraz" not found\n' },
    rejectedBy: {
      path: 'usr.sbin/jexec/jexec.c',
      function: 'main',
      line: 'jid = jail_getid(argv[0]); if (jid < 0) errx(1, "%s", jail_errmsg);',
    },
  },
  {
    id: 'jls.missing-jail',
    source: S.jailmeta('jail_create_body: atf_check -s not-exit:0 -e match:"not found" -o ignore jls -jj'),
    note: '`-jj` is `-j j`. The test asserts a non-zero status and "not found"; jls.c reports jail_errmsg with errx(1, …), the kernel text is "jail \\"j\\" not found".',
    setup: [],
    run: sh('jls -jj'),
    expect: { code: 1, stderr: 'jls: jail "j" not found\n' },
    rejectedBy: {
      path: 'usr.sbin/jls/jls.c',
      function: 'main',
      line: 'errx(1, "%s", jail_errmsg); /* after jailparam_get fails for -j */',
    },
  },
  {
    id: 'jail.remove-missing',
    source: S.vnetSubrOld('vnet_cleanup: jail -r ${jailname} — for a jail already removed'),
    setup: [mkjail('alcatraz'), sh('jail -r alcatraz')],
    run: sh('jail -r alcatraz'),
    expect: { code: 1, stderr: 'jail: "alcatraz" not found\n' },
    rejectedBy: {
      path: JAIL_C,
      function: 'main (case JF_STOP) → jail_quoted_warnx',
      line: 'jail_quoted_warnx(j, "not found", NULL); /* warnx("\\"%s\\" %s", pval, name_msg) */',
    },
  },
  {
    id: 'jail.create-existing',
    source: S.vnetSubr('vnet_mkjail: jail -c name=${jailname} persist vnet — run a second time'),
    setup: [mkjail('alcatraz')],
    run: mkjail('alcatraz'),
    expect: { code: 1, stderr: 'jail: "alcatraz" already exists\n' },
    rejectedBy: {
      path: JAIL_C,
      function: 'main (case JF_START) → jail_quoted_warnx',
      line: 'jail_quoted_warnx(j, "already exists", NULL);',
    },
  },
  {
    id: 'jail.create-child-without-parent',
    source: S.jailmeta(
      'not_inheritable_body: jls -j parent.child — the dotted name given to jail -c on the host with no parent',
    ),
    note: 'Constructed. The kernel splits the name at the last dot and looks the parent up (sys/kern/kern_jail.c kern_jail_set: vfs_opterror(opts, "jail \\"%s\\" not found", name) with the name cut at the dot). A jail given on the command line has no config name (j->name is NULL), so jail_warnx() prints the message alone.',
    setup: [],
    run: sh('jail -c name=parent.child persist'),
    expect: { code: 1, stderr: 'jail: jail "parent" not found\n' },
    rejectedBy: {
      path: 'usr.sbin/jail/command.c',
      function: 'create_jail → jail.c jail_warnx',
      line: 'if (j->jid < 0 && !didfail) { jail_warnx(j, "%s", jail_errmsg); failed(j); } /* jail_warnx: if (j->name) warnx("%s: %s", …) else warnx("%s", cs) */',
    },
  },
  {
    id: 'jail.create-child-over-limit',
    source: S.jailmeta(
      'not_inheritable_body: jexec parent jail -c name=child persist — with the parent made without children.max',
    ),
    note: 'children.max is 0 by default (jail.8). sys/kern/kern_jail.c kern_jail_set() (stored revision dce23b28) returns EPERM at its start, before any option is read and without an errmsg: `if ((flags & JAIL_CREATE) && mypr->pr_childmax == 0) return (EPERM);` (a jailed root has PRIV_JAIL_SET: prison_priv_check() "Jail operations within a jail work on child jails"). libjail jailparam_set() (lib/libjail/jail.c, stored revision 5a130598) then fills jail_errmsg with "jail_set: %s" and strerror(errno). The "prison limit exceeded" text expected here before is the later check for a parent whose children.max is set but used up. A command-line jail has no config name, so no "<name>: " prefix. Setup: `vnet` is added to the parent because the emulator models jail(8) inside a jail only for a jail with a vnet of its own; the EPERM comes first whatever the vnet.',
    setup: [sh('jail -c name=parent persist vnet')],
    run: sh('jail -c name=child persist', 'parent'),
    expect: { code: 1, stderr: 'jail: jail_set: Operation not permitted\n' },
    rejectedBy: {
      path: 'usr.sbin/jail/command.c',
      function: 'create_jail (kern_jail.c kern_jail_set → libjail jailparam_set)',
      line: 'jail_warnx(j, "%s", jail_errmsg); /* jailparam_set: snprintf(jail_errmsg, …, "jail_set: %s", strerror(errno)) */',
    },
  },
  {
    id: 'jail.modify-missing',
    source: S.jailmeta(
      'jail_modify_body: jail -m name=j meta="t1=A t2=B" env="CAB2" — on a host without j, with a 14 parameter',
    ),
    note: 'Constructed: host.hostname instead of meta/env so the line is valid on 14.',
    setup: [],
    run: sh('jail -m name=j host.hostname=jail1'),
    expect: { code: 1, stderr: 'jail: "j" not found\n' },
    rejectedBy: {
      path: JAIL_C,
      function: 'main (case JF_SET) → jail_quoted_warnx',
      line: 'jail_quoted_warnx(j, "not found", "no jail specified");',
    },
  },
  // ---------------------------------------------------------------- route
  {
    id: 'route.add-existing-default',
    source: S.route8('EXAMPLES: route add default 192.168.1.1 — run a second time'),
    note: 'newroute() prints the failure on stdout. No -fib was given, so newroute() calls fiboptlist_csv("default"), which puts the default FIB (defaultfib, 0) in the list; the failure line prints " fib %d" for every fl_num >= 0, so " fib 0" appears (route.c at fel1x-developer/freebsd-src 2d614aa2; the earlier note said fl_num -1, which that code does not give). rtmsg() writes nothing to stderr for EEXIST. On 14 route sends the request over netlink: route.c rtmsg() (fel1x-developer/freebsd-src 2d614aa2) prints nothing itself, and sbin/route/route_netlink.c rtmsg_nl_int() at freebsd/freebsd-src 11976198 prints nothing for add/change/delete; at the newer 2d614aa2 it warns `route has not been found` (ESRCH) or warnc(e.error, "message indicates error") (others). Which 14.x carries the newer text was not checked, so stderr may be either; the routing-socket texts allowed here before are 13\'s.',
    host: { nics: [{ name: 'em0', addresses: ['192.168.1.10/24'] }] },
    setup: [sh('route add default 192.168.1.1')],
    run: sh('route add default 192.168.1.1'),
    expect: {
      code: 1,
      stdout: /^add net default: gateway 192\.168\.1\.1 fib 0: route already in table\n$/,
      stderr: /^(route: message indicates error: File exists\n)?$/,
    },
    rejectedBy: {
      path: ROUTE_C,
      function: 'newroute',
      line: 'case EEXIST: errmsg = "route already in table"; … printf(": %s\\n", errmsg); … exit(error);',
    },
  },
  {
    id: 'route.delete-missing',
    source: S.route8(
      'EXAMPLES: route delete -net 172.16.10.0/24 172.16.1.2 — when there is no such route (DIAGNOSTICS: "not in table")',
    ),
    note: 'ESRCH. rtmsg() also warns "route has not been found" on the routing-socket path. On 14 route sends the request over netlink: route.c rtmsg() (fel1x-developer/freebsd-src 2d614aa2) prints nothing itself, and sbin/route/route_netlink.c rtmsg_nl_int() at freebsd/freebsd-src 11976198 prints nothing for add/change/delete; at the newer 2d614aa2 it warns `route has not been found` (ESRCH) or warnc(e.error, "message indicates error") (others). Which 14.x carries the newer text was not checked, so stderr may be either; the routing-socket texts allowed here before are 13\'s.',
    host: { nics: [{ name: 'em0', addresses: ['172.16.1.10/24'] }] },
    setup: [],
    run: sh('route delete -net 172.16.10.0/24 172.16.1.2'),
    expect: {
      code: 1,
      stdout: /^delete net 172\.16\.10\.0: gateway 172\.16\.1\.2 fib 0: not in table\n$/,
      stderr: /^(route: route has not been found\n)?$/,
    },
    rejectedBy: { path: ROUTE_C, function: 'newroute', line: 'case ESRCH: errmsg = "not in table";' },
  },
  {
    id: 'route.add-unreachable-gateway',
    source: S.route8(
      'EXAMPLES: route add -net 172.16.10.0/24 172.16.1.1 — on a host with no address on 172.16.1.0/24 (DIAGNOSTICS: "Network is unreachable")',
    ),
    note: 'route.8: "An attempt to add a route failed because the gateway listed was not on a directly-connected network." The errno text comes from strerror in newroute(). On 14 route sends the request over netlink: route.c rtmsg() (fel1x-developer/freebsd-src 2d614aa2) prints nothing itself, and sbin/route/route_netlink.c rtmsg_nl_int() at freebsd/freebsd-src 11976198 prints nothing for add/change/delete; at the newer 2d614aa2 it warns `route has not been found` (ESRCH) or warnc(e.error, "message indicates error") (others). Which 14.x carries the newer text was not checked, so stderr may be either; the routing-socket texts allowed here before are 13\'s.',
    setup: [],
    run: sh('route add -net 172.16.10.0/24 172.16.1.1'),
    expect: {
      code: 1,
      stdout: /^add net 172\.16\.10\.0: gateway 172\.16\.1\.1 fib 0: Network is unreachable\n$/,
      stderr: /^(route: message indicates error: Network is unreachable\n)?$/,
    },
    rejectedBy: { path: ROUTE_C, function: 'newroute', line: 'default: errmsg = strerror(fl->fl_errno);' },
  },
  // ---------------------------------------------------------------- sysctl
  {
    id: 'sysctl.read-only-oid',
    source: S.jail8(
      'Sysctl MIB Entries: "The read-only entry security.jail.jailed can be used to determine if a process is running inside a jail"',
    ),
    note: 'Constructed: an attempt to set it.',
    setup: [],
    run: sh('sysctl security.jail.jailed=0'),
    expect: { code: 1, stderr: "sysctl: oid 'security.jail.jailed' is read only\n" },
    rejectedBy: {
      path: SYSCTL_C,
      function: 'parse',
      line: 'warnx("oid \'%s\' is read only%s", bufp, line); return (1);',
    },
  },
  {
    id: 'sysctl.bridge-oid-before-if_bridge',
    source: S.bastilleSetup(
      'configure_bridge() line 272: sysctl net.link.bridge.pfil_bridge=0 — before any bridge was created',
    ),
    note: 'The net.link.bridge.* sysctls exist only once if_bridge is loaded (if_bridge is a module, not in GENERIC; project docs/freebsd.md §8).',
    setup: [],
    run: sh('sysctl net.link.bridge.pfil_bridge=0'),
    expect: { code: 1, stderr: "sysctl: unknown oid 'net.link.bridge.pfil_bridge'\n" },
    rejectedBy: { path: SYSCTL_C, function: 'parse', line: 'warnx("unknown oid \'%s\'%s", bufp, line); return (1);' },
  },
  // ---------------------------------------------------------------- pfctl
  {
    id: 'pfctl.enable-twice',
    source: S.passBlock(
      'enable_disable_body: "Enable when enabled fails" atf_check -s exit:1 -e ignore jexec ${j} pfctl -e',
    ),
    note: '${j} → pass_block:enable_disable.',
    setup: [mkjail('pass_block:enable_disable'), sh('pfctl -e', 'pass_block:enable_disable')],
    run: sh('pfctl -e', 'pass_block:enable_disable'),
    expect: { code: 1, stderr: 'pfctl: pf already enabled\n' },
    rejectedBy: {
      path: PFCTL_C,
      function: 'pfctl_enable',
      line: 'if (errno == EEXIST) errx(1, "pf already enabled");',
    },
  },
  {
    id: 'pfctl.disable-when-disabled',
    source: S.passBlock(
      'enable_disable_body: "Disable when disabled fails" atf_check -s exit:1 -e ignore jexec ${j} pfctl -d',
    ),
    note: '${j} → pass_block:enable_disable.',
    setup: [mkjail('pass_block:enable_disable')],
    run: sh('pfctl -d', 'pass_block:enable_disable'),
    expect: { code: 1, stderr: 'pfctl: pf not enabled\n' },
    rejectedBy: { path: PFCTL_C, function: 'pfctl_disable', line: 'if (errno == ENOENT) errx(1, "pf not enabled");' },
  },
  {
    id: 'pfctl.syntax-error-check-only',
    source: S.rcPf('pf_check: $pf_program -n -f "$pf_rules" — with the rules on stdin (-f -) and a rule cut short'),
    note: 'Constructed rule "pass in on": the interface name is missing. With -n, pfctl_rules() returns without the "Syntax error in config file" line.',
    setup: [],
    run: { argv: ['pfctl', '-n', '-f', '-'], stdin: 'pass in on\n' },
    expect: { code: 1, stderr: 'stdin:1: syntax error\n' },
    rejectedBy: {
      path: 'sbin/pfctl/parse.y',
      function: 'yyerror (pfctl.c pfctl_rules: with PF_OPT_NOACTION, goto _error)',
      line: 'fprintf(stderr, "%s:%d: ", file->name, yylval.lineno); vfprintf(stderr, fmt, ap);',
    },
  },
  {
    id: 'pfctl.syntax-error-load',
    source: S.passBlock(
      'v4_body: pft_set_rules alcatraz "block in" (utils.subr: printf … | jexec ${jname} pfctl -f -) — with a rule cut short',
    ),
    note: 'Constructed rule "pass in on". The rules loaded before stay (the transaction is not committed).',
    setup: [
      mkepair,
      mkjail('alcatraz', 'epair0b'),
      { argv: ['pfctl', '-f', '-'], jail: 'alcatraz', stdin: 'block in\n' },
    ],
    run: { argv: ['pfctl', '-f', '-'], jail: 'alcatraz', stdin: 'block in\npass in on\n' },
    expect: { code: 1, stderr: 'stdin:2: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n' },
    rejectedBy: {
      path: PFCTL_C,
      function: 'pfctl_rules',
      line: 'if ((opts & PF_OPT_NOACTION) == 0) ERRX("Syntax error in config file: pf rules not loaded");',
    },
  },
  {
    id: 'pfctl.load-missing-file',
    source: S.rcPf('pf_start: $pf_program -f "$pf_rules" $pf_flags || pf_fallback — with no /etc/pf.conf'),
    note: 'parse.y pushfile() warns with the file name, parse_config() warns "cannot open the main config file!" (errno still ENOENT), then pfctl_rules() stops.',
    setup: [],
    run: sh('pfctl -f /etc/pf.conf'),
    expect: {
      code: 1,
      stderr:
        'pfctl: /etc/pf.conf: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\npfctl: Syntax error in config file: pf rules not loaded\n',
    },
    rejectedBy: {
      path: 'sbin/pfctl/parse.y',
      function: 'pushfile / parse_config',
      line: 'warn("%s", nfile->name); … warn("cannot open the main config file!"); return (-1);',
    },
  },
  {
    id: 'pfctl.check-missing-file',
    source: S.rcPf('pf_check: $pf_program -n -f "$pf_rules" $pf_flags — with no /etc/pf.conf'),
    note: 'With -n the third line is not printed.',
    setup: [],
    run: sh('pfctl -n -f /etc/pf.conf'),
    expect: {
      code: 1,
      stderr:
        'pfctl: /etc/pf.conf: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\n',
    },
    rejectedBy: {
      path: 'sbin/pfctl/parse.y',
      function: 'pushfile / parse_config',
      line: 'warn("%s", nfile->name); … warn("cannot open the main config file!"); return (-1);',
    },
  },
  {
    id: 'pfctl.running-when-disabled',
    source: S.rcPf('pf_status: $pf_program -s Running >/dev/null'),
    note: 'pfctl.8: -s Running "provide[s] a non-zero exit status when disabled". The status is the one pfctl_show_running returns (!running); stdout is not asserted.',
    setup: [],
    run: sh('pfctl -s Running'),
    expect: { code: 1, stderr: '' },
    rejectedBy: {
      path: PFCTL_C,
      function: 'pfctl_show_running',
      line: 'return (!running); /* pfctl.8: "a non-zero exit status when disabled" */',
    },
  },
];
