import { expect } from 'vitest';
import { iface, listing, memberNames, mustIface, namesIn } from './host-view';
import { ABSOLUTE, HANDBOOK_VNET_VARS, mkbridge, mkepair, mkjail, S, sh } from './steps';
import type { AcceptedEntry, PageSource } from './types';

// Command lines FreeBSD accepts, interfaces: ifconfig create, name and destroy, listings, vnet moves, and netstat. Each
// is copied from FreeBSD's own material or from BastilleBSD, with the documented effect. How to read and extend:
// docs/freebsd/conformance.md.

const NETSTAT_1: (where: string) => PageSource = (where) => ({
  url: 'https://man.freebsd.org/cgi/man.cgi?manpath=FreeBSD+14.2-RELEASE&query=netstat&sektion=1',
  where,
});

export const acceptedInterfaces: AcceptedEntry[] = [
  // ---------------------------------------------------------------- ifconfig: create, name, destroy
  {
    id: 'ifconfig.epair-create',
    source: S.vnetSubr('vnet_mkepair: ifname=$(ifconfig epair create)'),
    setup: [],
    run: mkepair,
    expect: { code: 0, stdout: 'epair0a\n' },
    effect: (host) => {
      expect(mustIface(host, 'epair0a').up).toBe(false);
      expect(mustIface(host, 'epair0b').up).toBe(false);
    },
  },
  {
    id: 'ifconfig.bridge-create',
    source: S.handbookJails('creating-vnet-jail: `# ifconfig bridge create`, output `bridge0`'),
    setup: [],
    run: mkbridge,
    expect: { code: 0, stdout: 'bridge0\n' },
    effect: (host) => expect(mustIface(host, 'bridge0').kind).toBe('bridge'),
  },
  {
    id: 'ifconfig.lo-create',
    source: S.vnetSubr('vnet_mkloopback: ifname=$(ifconfig lo create)'),
    setup: [],
    run: sh('ifconfig lo create'),
    expect: { code: 0, stdout: 'lo1\n' },
    effect: (host) => expect(namesIn(host)).toContain('lo1'),
  },
  {
    id: 'ifconfig.bridge0-create-named',
    source: S.bastilleSetup('configure_bridge() line 263: ifconfig bridge0 create'),
    note: 'A unit asked for by name is created with that name, so nothing is printed (ifclone.c ifclonecreate prints only a different name).',
    setup: [],
    run: sh('ifconfig bridge0 create'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'bridge0').kind).toBe('bridge'),
  },
  {
    id: 'ifconfig.epair-unit-create-up',
    source: S.handbookJails('creating-vnet-jail: exec.prestart = "/sbin/ifconfig ${epair} create up"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE} After create the name is epair154a, so \`up\` applies to the a end only.`,
    setup: [],
    run: sh('ifconfig epair154 create up'),
    expect: { code: 0, stdout: 'epair154a\n' },
    effect: (host) => {
      expect(mustIface(host, 'epair154a').up).toBe(true);
      expect(mustIface(host, 'epair154b').up).toBe(false);
    },
  },
  {
    id: 'ifconfig.up-name-host-end',
    source: S.bastilleNet('generate_vnet_jail_netblock() line 112: ifconfig \\${epair0} up name ${host_epair}'),
    note: '${epair0} → epair0a (from `ifconfig epair create`), ${host_epair} → e0a_web (jail web). setifname sets printifname, so the new name is printed.',
    setup: [mkepair],
    run: sh('ifconfig epair0a up name e0a_web'),
    expect: { code: 0, stdout: 'e0a_web\n' },
    effect: (host) => {
      expect(mustIface(host, 'e0a_web').up).toBe(true);
      expect(iface(host, 'epair0a')).toBeUndefined();
    },
  },
  {
    id: 'ifconfig.up-name-jail-end',
    source: S.bastilleNet('generate_vnet_jail_netblock() line 112: ifconfig \\${epair0%a}b up name ${jail_epair}'),
    note: '${epair0%a}b → epair0b, ${jail_epair} → e0b_web.',
    setup: [mkepair, sh('ifconfig epair0a up name e0a_web')],
    run: sh('ifconfig epair0b up name e0b_web'),
    expect: { code: 0, stdout: 'e0b_web\n' },
    effect: (host) => {
      expect(mustIface(host, 'e0b_web').up).toBe(true);
      expect(namesIn(host)).toEqual(['e0a_web', 'e0b_web', 'em0', 'lo0']);
    },
  },
  {
    id: 'ifconfig.name-jib-a',
    source: S.jib('jib_addm step 5: ifconfig $new name "e${i}a_$name"'),
    note: '$new → epair0a, $i → 0, $name → www.',
    setup: [mkepair],
    run: sh('ifconfig epair0a name e0a_www'),
    expect: { code: 0, stdout: 'e0a_www\n' },
    effect: (host) => {
      expect(mustIface(host, 'e0a_www').kind).toBe('epair');
      expect(mustIface(host, 'epair0b').kind).toBe('epair');
    },
  },
  {
    id: 'ifconfig.up-jib',
    source: S.jib('jib_addm step 2: ifconfig $iface up'),
    note: '$iface → em0, booted down.',
    host: { nics: [{ name: 'em0', up: false }] },
    setup: [],
    run: sh('ifconfig em0 up'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'em0').up).toBe(true),
  },
  {
    id: 'ifconfig.addm-jib-uplink',
    source: S.jib('jib_addm step 3: ifconfig $new addm $iface'),
    note: '$new → bridge0 (from `ifconfig bridge create`), $iface → em0.',
    setup: [sh('ifconfig em0 up'), mkbridge],
    run: sh('ifconfig bridge0 addm em0'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(memberNames(host, mustIface(host, 'bridge0'))).toEqual(['em0']),
  },
  {
    id: 'ifconfig.name-jib-bridge',
    source: S.jib('jib_addm step 3: ifconfig $new name "$iface$bridge"'),
    note: '$new → bridge0, $iface$bridge → em0bridge.',
    setup: [mkbridge, sh('ifconfig bridge0 addm em0')],
    run: sh('ifconfig bridge0 name em0bridge'),
    expect: { code: 0, stdout: 'em0bridge\n' },
    effect: (host) => {
      expect(memberNames(host, mustIface(host, 'em0bridge'))).toEqual(['em0']);
      expect(iface(host, 'bridge0')).toBeUndefined();
    },
  },
  {
    id: 'ifconfig.addm-jib-epair',
    source: S.jib('jib_addm step 4: ifconfig "$iface$bridge" addm $new'),
    note: '$iface$bridge → em0bridge, $new → epair0a.',
    setup: [mkbridge, sh('ifconfig bridge0 addm em0'), sh('ifconfig bridge0 name em0bridge'), mkepair],
    run: sh('ifconfig em0bridge addm epair0a'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(memberNames(host, mustIface(host, 'em0bridge'))).toEqual(['em0', 'epair0a']),
  },
  {
    id: 'ifconfig.ether-listing-jib',
    source: S.jib("jib_addm step 6: iface_devid=$( ifconfig $iface ether | awk '/ether/,$0=$2' )"),
    note: '$iface → em0 with MAC 00:a0:98:12:34:56. `ether` right after the name is an address family: the listing is limited to it.',
    host: { nics: [{ name: 'em0', mac: '00:a0:98:12:34:56' }] },
    setup: [],
    run: sh('ifconfig em0 ether'),
    expect: {
      code: 0,
      stdout: /^em0: flags=[0-9a-f]+<[A-Z_,]*> metric 0 mtu 1500\n(\t.*\n)*\tether 00:a0:98:12:34:56\n/,
    },
    effect: (host) => expect(mustIface(host, 'em0').mac).toBe('00:a0:98:12:34:56'),
  },
  {
    id: 'ifconfig.ether-set-jib',
    source: S.jib('jib_addm step 6: ifconfig "e${i}a_$name" ether $eiface_devid_a'),
    note: '$i → 0, $name → www, $eiface_devid_a → 42:32:18:12:34:56 (the shape jib derives from em0 00:a0:98:12:34:56 and the nibbles 4,3,2,1 of `sum` of the name).',
    host: { nics: [{ name: 'em0', mac: '00:a0:98:12:34:56' }] },
    setup: [mkepair, sh('ifconfig epair0a name e0a_www')],
    run: sh('ifconfig e0a_www ether 42:32:18:12:34:56'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'e0a_www').mac).toBe('42:32:18:12:34:56'),
  },
  {
    id: 'ifconfig.destroy-epair-end',
    source: S.jib('jib_destroy: jib_show "$name" | xargs -rn1 -I eiface ifconfig eiface destroy'),
    note: 'eiface → e0a_www. Destroying either end of an epair destroys both (sys/net/if_epair.c epair_clone_destroy).',
    setup: [mkepair, sh('ifconfig epair0a name e0a_www'), sh('ifconfig epair0b name e0b_www')],
    run: sh('ifconfig e0a_www destroy'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(namesIn(host)).toEqual(['em0', 'lo0']),
  },
  {
    id: 'ifconfig.destroy-bridge-with-members',
    source: S.bridgeTest('delete_with_members_body: ifconfig ${bridge} destroy'),
    note: '${bridge} → bridge0, ${epair} → epair0.',
    setup: [
      mkbridge,
      mkepair,
      sh('ifconfig bridge0 192.0.2.1/24 up'),
      sh('ifconfig epair0a up'),
      sh('ifconfig bridge0 addm epair0a'),
    ],
    run: sh('ifconfig bridge0 destroy'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(iface(host, 'bridge0')).toBeUndefined();
      expect(mustIface(host, 'epair0a').up).toBe(true);
    },
  },
  // ---------------------------------------------------------------- ifconfig: listings
  {
    id: 'ifconfig.list-names',
    source: S.bastilleNetwork('validate_netif() line 208: ifconfig -l | grep -qwo ${interface}'),
    note: 'A fresh host: em0 then lo0, one line, separated by a space (ifconfig.c main, namesonly).',
    setup: [],
    run: sh('ifconfig -l'),
    expect: { code: 0, stdout: 'em0 lo0\n' },
    effect: () => {},
  },
  {
    id: 'ifconfig.group-epair',
    source: S.bastilleNet('get_bastille_epair_count() line 38: ifconfig -g epair'),
    note: 'Kernel order, not sorted: either end may come first.',
    setup: [mkepair],
    run: sh('ifconfig -g epair'),
    expect: { code: 0, stdout: /^(epair0a\nepair0b\n|epair0b\nepair0a\n)$/ },
    effect: () => {},
  },
  {
    id: 'ifconfig.group-bridge',
    source: S.bastilleNetwork('line 651: ifconfig -g bridge | grep -owq "${INTERFACE}"'),
    setup: [mkbridge],
    run: sh('ifconfig -g bridge'),
    expect: { code: 0, stdout: 'bridge0\n' },
    effect: () => {},
  },
  {
    id: 'ifconfig.listing-in-jail',
    source: S.bridgeTestMtu('vlan_body: jexec one ifconfig'),
    note: "A jail lists only its own vnet: its epair end and its lo0, never the host's em0.",
    setup: [mkepair, mkjail('one', 'epair0b')],
    run: sh('ifconfig', 'one'),
    expect: { code: 0, stdout: /^(?![\s\S]*^em0:)[\s\S]*^epair0b: flags=/m },
    effect: (host) => expect(namesIn(host, 'one')).toEqual(['epair0b', 'lo0']),
  },
  {
    id: 'ifconfig.bridge-listing',
    source: S.handbookNet('network-bridging, Enabling the Bridge: # ifconfig bridge0 (after # ifconfig bridge create)'),
    note: 'The Handbook sample is older than 14; only its stable lines are matched.',
    setup: [mkbridge],
    run: sh('ifconfig bridge0'),
    expect: {
      code: 0,
      stdout:
        /^bridge0: flags=[0-9a-f]+<[A-Z_,]*> metric 0 mtu 1500\n[\s\S]*\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n/,
    },
    effect: () => {},
  },
  // ---------------------------------------------------------------- ifconfig: vnet
  {
    id: 'ifconfig.vnet-move',
    source: S.vnetSubr('vnet_ifmove: ifconfig ${ifname} vnet ${jailname}'),
    note: '${ifname} → epair0b, ${jailname} → alcatraz (made by `vnet_mkjail alcatraz`, with no interface, as anchor.sh nested_label does).',
    setup: [mkepair, mkjail('alcatraz')],
    run: sh('ifconfig epair0b vnet alcatraz'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(iface(host, 'epair0b')).toBeUndefined();
      expect(namesIn(host, 'alcatraz')).toContain('epair0b');
    },
  },
  {
    id: 'ifconfig.vnet-reclaim',
    source: S.bastilleNet(
      'generate_vnet_jail_netblock() line 181: exec.prestop += "ifconfig ${external_interface} -vnet ${jail_name}"',
    ),
    note: "${external_interface} → vtnet1 (a passthrough NIC given with vnet.interface), ${jail_name} → web. ifconfig.c main special-cases -vnet because the interface is not in the caller's vnet.",
    host: { nics: [{ name: 'vtnet0' }, { name: 'vtnet1' }] },
    setup: [mkjail('web', 'vtnet1')],
    run: sh('ifconfig vtnet1 -vnet web'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(namesIn(host)).toContain('vtnet1');
      expect(namesIn(host, 'web')).not.toContain('vtnet1');
    },
  },
  {
    id: 'ifconfig.destroy-in-jail',
    source: S.vnetSubr('vnet_cleanup: jexec ${jailname} ifconfig ${ifname} destroy'),
    note: '${jailname} → alcatraz, ${ifname} → epair0b. The other end on the host goes too.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('ifconfig epair0b destroy', 'alcatraz'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(namesIn(host, 'alcatraz')).toEqual(['lo0']);
      expect(iface(host, 'epair0a')).toBeUndefined();
    },
  },
  // ---------------------------------------------------------------- netstat
  {
    id: 'netstat.interfaces-json',
    source: NETSTAT_1('SYNOPSIS: netstat -i | -I interface [-j jail] [--libxo] [-46abdhnW] [-f address_family]'),
    note: 'The synopsis form with -i -b -n and --libxo json, as quoted in the project docs/freebsd.md §3.1 (the page was not re-read for this corpus).',
    setup: [],
    run: sh('netstat -i -b -n --libxo json'),
    expect: { code: 0, stdout: /^\{"statistics": \{"interface": \[/ },
    effect: (host) => {
      const rows = (
        JSON.parse(listing(host, ['netstat', '-i', '-b', '-n', '--libxo', 'json'])) as {
          statistics: { interface: { name: string }[] };
        }
      ).statistics.interface;
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['em0', 'lo0']));
    },
  },
  {
    id: 'netstat.interfaces-json-in-jail',
    source: NETSTAT_1(
      'SYNOPSIS: netstat -i | -I interface [-j jail] [--libxo] [-46abdhnW] [-f address_family]; -j jail: run inside that jail',
    ),
    note: 'The synopsis form with -j, as quoted in the project docs/freebsd.md §3.1.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('netstat -j alcatraz -i -b -n --libxo json'),
    expect: { code: 0, stdout: /^\{"statistics": \{"interface": \[/ },
    effect: (host) => {
      const rows = (
        JSON.parse(listing(host, ['netstat', '-j', 'alcatraz', '-i', '-b', '-n', '--libxo', 'json'])) as {
          statistics: { interface: { name: string }[] };
        }
      ).statistics.interface;
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['epair0b', 'lo0']));
    },
  },
  {
    id: 'netstat.one-interface-json',
    source: NETSTAT_1('SYNOPSIS: netstat -i | -I interface [-j jail] [--libxo] [-46abdhnW] [-f address_family]'),
    note: 'The synopsis form with -I, as quoted in the project docs/freebsd.md §3.1.',
    setup: [mkepair],
    run: sh('netstat -I epair0a -b -n --libxo json'),
    expect: { code: 0, stdout: /^\{"statistics": \{"interface": \[/ },
    effect: (host) => {
      const rows = (
        JSON.parse(listing(host, ['netstat', '-I', 'epair0a', '-b', '-n', '--libxo', 'json'])) as {
          statistics: { interface: { name: string }[] };
        }
      ).statistics.interface;
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['epair0a']));
    },
  },
];
