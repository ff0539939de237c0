import { expect } from 'vitest';
import { addressesOf, iface, jailNamed, listing, memberNames, mustIface, namesIn, pfOf, routesOf, sysctlOf } from './host-view';
import {
  BASTILLE_PASS_RULE,
  BASTILLE_PF_CONF_MODELLED,
  BASTILLE_PF_CONF_NOTE,
  BASTILLE_RDR_NOTE,
  BASTILLE_RDR_RULE,
  mkbridge,
  mkepair,
  mkjail,
  pftSetRules,
  S,
  sh,
} from './steps';
import type { AcceptedEntry, PageSource } from './types';

// Command lines FreeBSD accepts, each copied from FreeBSD's own material or from BastilleBSD, with
// the documented effect. How to read and extend this file: docs/freebsd/conformance.md.

const NETSTAT_1: (where: string) => PageSource = (where) => ({
  url: 'https://man.freebsd.org/cgi/man.cgi?manpath=FreeBSD+14.2-RELEASE&query=netstat&sektion=1',
  where,
});

const ABSOLUTE = 'The source runs /sbin/ifconfig (/sbin/route); the executor takes the bare command name.';
const HANDBOOK_VNET_VARS = '$id=154, $epair=epair154, $bridge=bridge0, $name=vnet, $ip=192.168.1.154/24, $gateway=192.168.1.1.';

/** The Handbook's VNET jail host side: bridge0 on em0, then exec.prestart's first two lines. */
const handbookVnetHost = [mkbridge, sh('ifconfig bridge0 addm em0 up'), sh('ifconfig epair154 create up')];

const pfJail = (name: string) => [mkepair, mkjail(name, 'epair0a')];

export const accepted: AcceptedEntry[] = [
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
    source: S.jib('jib_addm step 6: iface_devid=$( ifconfig $iface ether | awk \'/ether/,$0=$2\' )'),
    note: '$iface → em0 with MAC 00:a0:98:12:34:56. `ether` right after the name is an address family: the listing is limited to it.',
    host: { nics: [{ name: 'em0', mac: '00:a0:98:12:34:56' }] },
    setup: [],
    run: sh('ifconfig em0 ether'),
    expect: { code: 0, stdout: /^em0: flags=[0-9a-f]+<[A-Z_,]*> metric 0 mtu 1500\n(\t.*\n)*\tether 00:a0:98:12:34:56\n/ },
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
    setup: [mkbridge, mkepair, sh('ifconfig bridge0 192.0.2.1/24 up'), sh('ifconfig epair0a up'), sh('ifconfig bridge0 addm epair0a')],
    run: sh('ifconfig bridge0 destroy'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(iface(host, 'bridge0')).toBeUndefined();
      expect(mustIface(host, 'epair0a').up).toBe(true);
    },
  },
  // ---------------------------------------------------------------- ifconfig: addresses
  {
    id: 'ifconfig.address-without-family',
    source: S.bridgeTest('delete_with_members_body: ifconfig ${bridge} 192.0.2.1/24 up'),
    note: '${bridge} → bridge0. With no family word, ifconfig() uses inet.',
    setup: [mkbridge],
    run: sh('ifconfig bridge0 192.0.2.1/24 up'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(addressesOf(mustIface(host, 'bridge0'))).toEqual(['192.0.2.1/24']);
      expect(mustIface(host, 'bridge0').up).toBe(true);
    },
  },
  {
    id: 'ifconfig.bridge-inet',
    source: S.handbookNet('network-bridging, Enabling the Bridge: # ifconfig bridge0 inet 192.168.0.1/24'),
    host: { nics: [{ name: 'fxp0' }, { name: 'fxp1' }] },
    setup: [mkbridge, sh('ifconfig bridge0 addm fxp0 addm fxp1 up')],
    run: sh('ifconfig bridge0 inet 192.168.0.1/24'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'bridge0'))).toEqual(['192.168.0.1/24']),
  },
  {
    id: 'ifconfig.inet-netmask-dotted',
    source: S.ifconfig8('EXAMPLES: # ifconfig fxp0 inet 192.0.2.10 netmask 255.255.255.0'),
    host: { nics: [{ name: 'fxp0' }] },
    setup: [],
    run: sh('ifconfig fxp0 inet 192.0.2.10 netmask 255.255.255.0'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'fxp0'))).toEqual(['192.0.2.10/24']),
  },
  {
    id: 'ifconfig.inet-add',
    source: S.ifconfig8('EXAMPLES: # ifconfig ed0 inet 192.0.2.45/28 add'),
    note: 'ed0 already holds 198.51.100.5/24; `add` is a synonym of `alias`, so that address stays.',
    host: { nics: [{ name: 'ed0', addresses: ['198.51.100.5/24'] }] },
    setup: [],
    run: sh('ifconfig ed0 inet 192.0.2.45/28 add'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'ed0')).sort()).toEqual(['192.0.2.45/28', '198.51.100.5/24']),
  },
  {
    id: 'ifconfig.inet-minus-alias',
    source: S.ifconfig8('EXAMPLES: # ifconfig ed0 inet 192.0.2.45 -alias'),
    host: { nics: [{ name: 'ed0', addresses: ['192.0.2.45/28', '198.51.100.5/24'] }] },
    setup: [],
    run: sh('ifconfig ed0 inet 192.0.2.45 -alias'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'ed0'))).toEqual(['198.51.100.5/24']),
  },
  {
    id: 'ifconfig.inet6-prefixlen-alias',
    source: S.ifconfig8('EXAMPLES: # ifconfig em0 inet6 2001:db8:bdbd::123 prefixlen 48 alias'),
    setup: [],
    run: sh('ifconfig em0 inet6 2001:db8:bdbd::123 prefixlen 48 alias'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'em0'))).toContain('2001:db8:bdbd::123/48'),
  },
  {
    id: 'ifconfig.inet6-delete',
    source: S.ifconfig8('EXAMPLES: # ifconfig em0 inet6 2001:db8:bdbd::123/48 delete'),
    host: { nics: [{ name: 'em0', addresses: ['2001:db8:bdbd::123/48'] }] },
    setup: [],
    run: sh('ifconfig em0 inet6 2001:db8:bdbd::123/48 delete'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'em0'))).not.toContain('2001:db8:bdbd::123/48'),
  },
  {
    id: 'ifconfig.description-quoted',
    source: S.ifconfig8('EXAMPLES: # ifconfig em0 description "Uplink to Gigabit Switch 2"'),
    setup: [],
    run: { argv: ['ifconfig', 'em0', 'description', 'Uplink to Gigabit Switch 2'] },
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'em0').description).toBe('Uplink to Gigabit Switch 2'),
  },
  {
    id: 'ifconfig.inet-alias-before-address',
    source: S.passBlock('received_on_body: jexec srv ifconfig ${epair_route}b inet alias 203.0.113.3/24 up'),
    note: '${epair_route} → epair0 (the test\'s other two epairs are left out; they do not touch srv).',
    setup: [mkepair, mkjail('srv', 'epair0b'), sh('ifconfig epair0b 203.0.113.2/24 up', 'srv')],
    run: sh('ifconfig epair0b inet alias 203.0.113.3/24 up', 'srv'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'epair0b', 'srv')).sort()).toEqual(['203.0.113.2/24', '203.0.113.3/24']),
  },
  {
    id: 'ifconfig.alias-loopback-in-jail',
    source: S.lpm('lpm_test1_success_body: jexec ${jname}b ifconfig ${lo_dst} alias 198.51.100.2/32'),
    note: '${jname}b → v4t-lpm_test1_successb, ${lo_dst} → lo1. setup_networking also gives that jail epair0b and epair1b; they are left out.',
    setup: [sh('ifconfig lo create'), mkjail('v4t-lpm_test1_successb', 'lo1'), sh('ifconfig lo1 up', 'v4t-lpm_test1_successb'), sh('ifconfig lo1 inet 198.51.100.0/32', 'v4t-lpm_test1_successb')],
    run: sh('ifconfig lo1 alias 198.51.100.2/32', 'v4t-lpm_test1_successb'),
    expect: { code: 0, stdout: '' },
    // `ifconfig lo1 up` ran in6_if_up() → in6_ifattach(): ::1 (no interface of that vnet had it) and fe80::1 (docs/freebsd/ifconfig.md, IPv6).
    effect: (host) => expect(addressesOf(mustIface(host, 'lo1', 'v4t-lpm_test1_successb')).sort()).toEqual(['198.51.100.0/32', '198.51.100.2/32', '::1/128', 'fe80::1/64']),
  },
  {
    id: 'ifconfig.inet6-link-local-add',
    source: S.ifconfigInet6Test('delete6_body: ifconfig ${ep}a inet6 fe80::42/64'),
    note: '${ep} → epair0. The test then checks `ifconfig ${ep}a inet6` prints fe80::42%${ep}.',
    setup: [mkepair],
    run: sh('ifconfig epair0a inet6 fe80::42/64'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['ifconfig', 'epair0a', 'inet6'])).toMatch(/fe80::42%epair0a/),
  },
  {
    id: 'ifconfig.inet6-minus-alias-first',
    source: S.ifconfigInet6Test('delete6_body: ifconfig ${ep}a inet6 -alias fe80::42'),
    note: '${ep} → epair0. `-alias` before the address.',
    setup: [mkepair, sh('ifconfig epair0a inet6 fe80::42/64')],
    run: sh('ifconfig epair0a inet6 -alias fe80::42'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['ifconfig', 'epair0a', 'inet6'])).not.toMatch(/fe80::42%epair0a/),
  },
  {
    id: 'ifconfig.inet6-in-jail',
    source: S.ifconfigInet6Test('netmask_body: jexec ifcjail ifconfig ${ep}a inet6 2001:db8:1::1/64'),
    note: '${ep} → epair0. The test checks the listing shows "2001:db8:1::1 prefixlen 64".',
    setup: [mkepair, mkjail('ifcjail', 'epair0a')],
    run: sh('ifconfig epair0a inet6 2001:db8:1::1/64', 'ifcjail'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['ifconfig', 'epair0a'], 'ifcjail')).toMatch(/2001:db8:1::1 prefixlen 64/),
  },
  {
    id: 'ifconfig.inet6-no_dad',
    source: S.passBlock('v6_body: ifconfig ${epair}a inet6 2001:db8:42::1/64 up no_dad'),
    note: '${epair} → epair0.',
    setup: [mkepair],
    run: sh('ifconfig epair0a inet6 2001:db8:42::1/64 up no_dad'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(addressesOf(mustIface(host, 'epair0a'))).toContain('2001:db8:42::1/64');
      expect(mustIface(host, 'epair0a').up).toBe(true);
    },
  },
  {
    id: 'ifconfig.lo0-up-in-jail',
    source: S.wgTest('wg_basic_body: jexec wgtest1 ifconfig lo0 up (Workaround for PR 254212)'),
    note: 'Every vnet has its own lo0; a new one is down.',
    setup: [mkepair, mkjail('wgtest1', 'epair0a')],
    run: sh('ifconfig lo0 up', 'wgtest1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'lo0', 'wgtest1').up).toBe(true),
  },
  {
    id: 'ifconfig.address-without-mask',
    source: S.wgTest('wg_basic_body: jexec wgtest1 ifconfig ${epair}a $endpoint1 up'),
    note: '${epair} → epair0, $endpoint1 → 192.168.2.1. No mask: sbin/ifconfig/af_inet.c in_postproc() warns on stderr and in_setdefaultmask_nl() takes the classful /24.',
    setup: [mkepair, mkjail('wgtest1', 'epair0a')],
    run: sh('ifconfig epair0a 192.168.2.1 up', 'wgtest1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'epair0a', 'wgtest1'))).toEqual(['192.168.2.1/24']),
  },
  {
    id: 'ifconfig.mtu-in-jail',
    source: S.bridgeTest('gif_body: jexec one ifconfig ${epair}a mtu 1000'),
    note: '${epair} → epair0.',
    setup: [mkepair, mkjail('one', 'epair0a'), mkjail('two', 'epair0b'), sh('ifconfig epair0a 192.0.2.1/24 up', 'one')],
    run: sh('ifconfig epair0a mtu 1000', 'one'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'epair0a', 'one').mtu).toBe(1000),
  },
  {
    id: 'ifconfig.description-bastille',
    source: S.bastilleNet('generate_vnet_jail_netblock() line 116: ifconfig ${host_epair} description "vnet0 host interface for Bastille jail ${jail_name}"'),
    note: '${host_epair} → e0a_web, ${jail_name} → web.',
    setup: [mkepair, sh('ifconfig epair0a up name e0a_web')],
    run: { argv: ['ifconfig', 'e0a_web', 'description', 'vnet0 host interface for Bastille jail web'] },
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'e0a_web').description).toBe('vnet0 host interface for Bastille jail web'),
  },
  {
    id: 'ifconfig.ether-bastille',
    source: S.bastilleNet('generate_vnet_jail_netblock() line 114: ifconfig ${host_epair} ether ${macaddr}a'),
    note: '${host_epair} → e0a_web; ${macaddr} → 58:9c:fc:10:d2:8 (generate_static_mac: 58:9c:fc plus 5 hex digits of a sha256), so ${macaddr}a → 58:9c:fc:10:d2:8a.',
    setup: [mkepair, sh('ifconfig epair0a up name e0a_web')],
    run: sh('ifconfig e0a_web ether 58:9c:fc:10:d2:8a'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'e0a_web').mac).toBe('58:9c:fc:10:d2:8a'),
  },
  {
    id: 'ifconfig.up-descr-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.prestart += "/sbin/ifconfig ${epair}a up descr jail:${name}"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE}`,
    setup: [sh('ifconfig epair154 create up')],
    run: sh('ifconfig epair154a up descr jail:vnet'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'epair154a').description).toBe('jail:vnet'),
  },
  {
    id: 'ifconfig.addm-up-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.prestart += "/sbin/ifconfig ${bridge} addm ${epair}a up"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE}`,
    setup: [...handbookVnetHost, sh('ifconfig epair154a up descr jail:vnet')],
    run: sh('ifconfig bridge0 addm epair154a up'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(memberNames(host, mustIface(host, 'bridge0'))).toEqual(['em0', 'epair154a']),
  },
  {
    id: 'ifconfig.addm-em0-up-handbook',
    source: S.handbookJails('creating-vnet-jail: # ifconfig bridge0 addm em0 up'),
    setup: [mkbridge],
    run: sh('ifconfig bridge0 addm em0 up'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(memberNames(host, mustIface(host, 'bridge0'))).toEqual(['em0']);
      expect(mustIface(host, 'bridge0').up).toBe(true);
    },
  },
  {
    id: 'ifconfig.address-in-jail-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.start += "/sbin/ifconfig ${epair}b ${ip} up"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE} exec.start runs inside the jail; the jail.conf entry is created here with the command-line form of vnet.subr vnet_mkjail.`,
    setup: [...handbookVnetHost, mkjail('vnet', 'epair154b')],
    run: sh('ifconfig epair154b 192.168.1.154/24 up', 'vnet'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(addressesOf(mustIface(host, 'epair154b', 'vnet'))).toEqual(['192.168.1.154/24']),
  },
  {
    id: 'ifconfig.deletem-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.poststop = "/sbin/ifconfig ${bridge} deletem ${epair}a"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE}`,
    setup: [...handbookVnetHost, sh('ifconfig bridge0 addm epair154a up')],
    run: sh('ifconfig bridge0 deletem epair154a'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(memberNames(host, mustIface(host, 'bridge0'))).toEqual(['em0']),
  },
  {
    id: 'ifconfig.destroy-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.poststop += "/sbin/ifconfig ${epair}a destroy"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE}`,
    setup: [...handbookVnetHost],
    run: sh('ifconfig epair154a destroy'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(namesIn(host)).toEqual(['bridge0', 'em0', 'lo0']),
  },
  {
    id: 'ifconfig.addm-twice-in-one-call',
    source: S.handbookNet('network-bridging, Enabling the Bridge: # ifconfig bridge0 addm fxp0 addm fxp1 up'),
    host: { nics: [{ name: 'fxp0' }, { name: 'fxp1' }] },
    setup: [mkbridge],
    run: sh('ifconfig bridge0 addm fxp0 addm fxp1 up'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(memberNames(host, mustIface(host, 'bridge0'))).toEqual(['fxp0', 'fxp1']);
      expect(mustIface(host, 'bridge0').up).toBe(true);
    },
  },
  {
    id: 'ifconfig.ether-handbook',
    source: S.handbookNet('networking-lagg-wired-and-wireless: # ifconfig re0 ether b8:ee:65:5b:32:59'),
    host: { nics: [{ name: 're0' }] },
    setup: [],
    run: sh('ifconfig re0 ether b8:ee:65:5b:32:59'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 're0').mac).toBe('b8:ee:65:5b:32:59'),
  },
  {
    id: 'ifconfig.ether-in-jail',
    source: S.bridgeTestMtu('vlan_body: jexec one ifconfig ${epaira}b ether 02:05:6e:06:28:1a'),
    note: '${epaira} → epair0.',
    setup: [mkepair, mkjail('one', 'epair0b'), sh('ifconfig epair0b up', 'one')],
    run: sh('ifconfig epair0b ether 02:05:6e:06:28:1a', 'one'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(mustIface(host, 'epair0b', 'one').mac).toBe('02:05:6e:06:28:1a'),
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
    note: 'A jail lists only its own vnet: its epair end and its lo0, never the host\'s em0.',
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
    expect: { code: 0, stdout: /^bridge0: flags=[0-9a-f]+<[A-Z_,]*> metric 0 mtu 1500\n[\s\S]*\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n/ },
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
    source: S.bastilleNet('generate_vnet_jail_netblock() line 181: exec.prestop += "ifconfig ${external_interface} -vnet ${jail_name}"'),
    note: '${external_interface} → vtnet1 (a passthrough NIC given with vnet.interface), ${jail_name} → web. ifconfig.c main special-cases -vnet because the interface is not in the caller\'s vnet.',
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
  // ---------------------------------------------------------------- jail
  {
    id: 'jail.create-vnet-interface',
    source: S.vnetSubr('vnet_mkjail: jail -c name=${jailname} persist vnet ${vnet_interfaces}'),
    note: '${jailname} → alcatraz, ${vnet_interfaces} → vnet.interface=epair0b. Nothing on stdout: jail(8) notes "<name>: created" only for a jail named in jail.conf (jail_note() with j->name; usr.sbin/jail/tests/jail_basic_test.sh expects an empty stdout from a command-line `jail -c`).',
    setup: [mkepair],
    run: mkjail('alcatraz', 'epair0b'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(jailNamed(host.state, 'alcatraz')).toBeDefined();
      expect(iface(host, 'epair0b')).toBeUndefined();
      expect(namesIn(host, 'alcatraz')).toEqual(['epair0b', 'lo0']);
    },
  },
  {
    id: 'jail.create-three-interfaces',
    source: S.bridgeTest('stp_body: vnet_mkjail a ${bridge_a} ${epair_one}a ${epair_two}a'),
    note: '${bridge_a} → bridge0, ${epair_one} → epair0, ${epair_two} → epair1; vnet_mkjail expands to one vnet.interface= per interface.',
    setup: [mkepair, mkepair, mkbridge, mkbridge],
    run: mkjail('a', 'bridge0', 'epair0a', 'epair1a'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(namesIn(host, 'a')).toEqual(['bridge0', 'epair0a', 'epair1a', 'lo0']);
      expect(namesIn(host)).toEqual(['bridge1', 'em0', 'epair0b', 'epair1b', 'lo0']);
    },
  },
  {
    id: 'jail.create-name-with-colon',
    source: S.passBlock('enable_disable_body: j="pass_block:enable_disable"; vnet_mkjail ${j}'),
    setup: [],
    run: mkjail('pass_block:enable_disable'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(jailNamed(host.state, 'pass_block:enable_disable')).toBeDefined(),
  },
  {
    id: 'jail.create-hostname',
    source: S.jailmeta('jail_add_body: jail -c name=j persist host.hostname=jail1'),
    setup: [],
    run: sh('jail -c name=j persist host.hostname=jail1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(jailNamed(host.state, 'j')?.hostname).toBe('jail1'),
  },
  {
    id: 'jail.remove',
    source: S.vnetSubrOld('vnet_cleanup: jail -r ${jailname}'),
    note: '${jailname} → alcatraz. With no /etc/jail.conf and one jail named, jail(8) prints nothing (note_remove is false). The epair end returns to the host (vnet teardown moves interfaces to their home vnet, https://reviews.freebsd.org/D27279), which the old cleanup relied on when it then destroyed it.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('jail -r alcatraz'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(jailNamed(host.state, 'alcatraz')).toBeUndefined();
      expect(namesIn(host)).toContain('epair0b');
    },
  },
  {
    id: 'jail.create-nested-from-parent',
    source: S.jailmeta('not_inheritable_body: jexec parent jail -c name=child persist'),
    note: 'Inside parent the child is named "child"; the host sees it as "parent.child" (jail.8 Hierarchical Jails). Setup: the test makes parent with `children.max=1 persist meta="abc" env="cba"`; meta and env are FreeBSD 15 parameters that play no part in creating the child, so they are left out (which makes the entry valid on 14), and `vnet` is added because the emulator models jail(8) run inside a jail only for a jail with a vnet of its own (kern_jail.c kern_jail_set checks children.max before anything about the vnet).',
    setup: [sh('jail -c name=parent children.max=1 persist vnet')],
    run: sh('jail -c name=child persist', 'parent'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      const child = jailNamed(host.state, 'parent.child');
      expect(child).toBeDefined();
      expect(child?.parentJid).toBe(jailNamed(host.state, 'parent')?.jid);
    },
  },
  // ---------------------------------------------------------------- jls, jexec
  {
    id: 'jls.default',
    source: S.handbookJails('list-running-jails: # jls'),
    note: 'The header and row widths of usr.sbin/jls/jls.c ("%6d  %-15.15s %-29.29s %.74s"); a vnet jail has no IPv4 address; the hostname is not asserted.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('jls'),
    expect: { code: 0, stdout: /^ {3}JID {2}IP Address {6}Hostname {22}Path\n {5}1 {2}.{15} .{29} \/\n$/ },
    effect: () => {},
  },
  {
    id: 'jls.libxo-json',
    source: S.handbookJails('list-running-jails: # jls --libxo=json'),
    note: 'The Handbook shows {"__version": "2", "jail-information": {"jail": [{"jid":1,"ipv4":"192.168.250.70","hostname":"classic","path":"…"}]}}; a vnet jail made without path has ipv4 "" and path "/".',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('jls --libxo=json'),
    expect: { code: 0, stdout: /^\{"__version": "2", "jail-information": \{"jail": \[\{"jid":1,"ipv4":"","hostname":"[^"]*","path":"\/"\}\]\}\}\n$/ },
    effect: () => {},
  },
  {
    id: 'jls.name-param',
    source: S.bastilleChecks('check_target_is_running() line 55: jls name | grep -Eq "^${target}$"'),
    setup: [mkjail('web')],
    run: sh('jls name'),
    expect: { code: 0, stdout: 'web\n' },
    effect: () => {},
  },
  {
    id: 'jls.j-jid',
    source: S.bastilleList('line 165: JID="$(jls -j ${JAIL_NAME} jid 2>/dev/null)"'),
    note: '${JAIL_NAME} → web.',
    setup: [mkjail('web')],
    run: sh('jls -j web jid'),
    expect: { code: 0, stdout: '1\n' },
    effect: () => {},
  },
  {
    id: 'jls.j-path',
    source: S.bastilleList('line 220: JAIL_PATH=$(/usr/sbin/jls -j ${JAIL_NAME} path 2> /dev/null)'),
    note: '${JAIL_NAME} → web; a jail made without path= has path "/" (kern_jail.c kern_jail_set).',
    setup: [mkjail('web')],
    run: sh('jls -j web path'),
    expect: { code: 0, stdout: '/\n' },
    effect: () => {},
  },
  // ---------------------------------------------------------------- route
  {
    id: 'route.add-default-man',
    source: S.route8('EXAMPLES: route add default 192.168.1.1'),
    host: { nics: [{ name: 'em0', addresses: ['192.168.1.10/24'] }] },
    setup: [],
    run: sh('route add default 192.168.1.1'),
    expect: { code: 0, stdout: 'add net default: gateway 192.168.1.1\n' },
    effect: (host) => expect(routesOf(host)).toContain('default via 192.168.1.1'),
  },
  {
    id: 'route.add-net-zero-prefix',
    source: S.route8('EXAMPLES: route add -net 0.0.0.0/0 192.168.1.1'),
    note: 'route.c getaddr() cuts "/0" off the argv string, so the destination prints as 0.0.0.0.',
    host: { nics: [{ name: 'em0', addresses: ['192.168.1.10/24'] }] },
    setup: [],
    run: sh('route add -net 0.0.0.0/0 192.168.1.1'),
    expect: { code: 0, stdout: 'add net 0.0.0.0: gateway 192.168.1.1\n' },
    effect: (host) => expect(routesOf(host)).toEqual(['default via 192.168.1.1']),
  },
  {
    id: 'route.add-net-man',
    source: S.route8('EXAMPLES: route add -net 172.16.10.0/24 172.16.1.1'),
    host: { nics: [{ name: 'em0', addresses: ['172.16.1.10/24'] }] },
    setup: [],
    run: sh('route add -net 172.16.10.0/24 172.16.1.1'),
    expect: { code: 0, stdout: 'add net 172.16.10.0: gateway 172.16.1.1\n' },
    effect: (host) => expect(routesOf(host)).toContain('172.16.10.0/24 via 172.16.1.1'),
  },
  {
    id: 'route.change-net-man',
    source: S.route8('EXAMPLES: route change -net 172.16.10.0/24 172.16.1.2'),
    host: { nics: [{ name: 'em0', addresses: ['172.16.1.10/24'] }] },
    setup: [sh('route add -net 172.16.10.0/24 172.16.1.1')],
    run: sh('route change -net 172.16.10.0/24 172.16.1.2'),
    expect: { code: 0, stdout: 'change net 172.16.10.0: gateway 172.16.1.2\n' },
    effect: (host) => expect(routesOf(host)).toEqual(['172.16.10.0/24 via 172.16.1.2']),
  },
  {
    id: 'route.delete-net-man',
    source: S.route8('EXAMPLES: route delete -net 172.16.10.0/24 172.16.1.2'),
    host: { nics: [{ name: 'em0', addresses: ['172.16.1.10/24'] }] },
    setup: [sh('route add -net 172.16.10.0/24 172.16.1.1'), sh('route change -net 172.16.10.0/24 172.16.1.2')],
    run: sh('route delete -net 172.16.10.0/24 172.16.1.2'),
    expect: { code: 0, stdout: 'delete net 172.16.10.0: gateway 172.16.1.2\n' },
    effect: (host) => expect(routesOf(host)).toEqual([]),
  },
  {
    id: 'route.add-net-handbook',
    source: S.handbookNet('network-routing: # route add -net 192.168.2.0/24 192.168.1.2'),
    note: 'RouterA\'s second NIC (xl1 in the Handbook) is em0 here, on 192.168.1.0/24.',
    host: { nics: [{ name: 'em0', addresses: ['192.168.1.1/24'] }] },
    setup: [],
    run: sh('route add -net 192.168.2.0/24 192.168.1.2'),
    expect: { code: 0, stdout: 'add net 192.168.2.0: gateway 192.168.1.2\n' },
    effect: (host) => expect(routesOf(host)).toContain('192.168.2.0/24 via 192.168.1.2'),
  },
  {
    id: 'route.add-default-in-jail-handbook',
    source: S.handbookJails('creating-vnet-jail: exec.start += "/sbin/route add default ${gateway}"'),
    note: `${HANDBOOK_VNET_VARS} ${ABSOLUTE}`,
    setup: [...handbookVnetHost, mkjail('vnet', 'epair154b'), sh('ifconfig epair154b 192.168.1.154/24 up', 'vnet')],
    run: sh('route add default 192.168.1.1', 'vnet'),
    expect: { code: 0, stdout: 'add net default: gateway 192.168.1.1\n' },
    effect: (host) => {
      expect(routesOf(host, 'vnet')).toEqual(['default via 192.168.1.1']);
      expect(routesOf(host)).toEqual([]);
    },
  },
  {
    id: 'route.add-inet6-net',
    source: S.nat('nat6_nolinklocal_body: route add -6 -net 2001:db8:1::/64 2001:db8::1'),
    note: '${epair_nat} → epair0, ${epair_echo} → epair1. For inet6, route.c getaddr() puts the "/" back, so the destination prints with its prefix.',
    setup: [mkepair, mkepair, mkjail('nat', 'epair0b', 'epair1a'), mkjail('echo', 'epair1b'), sh('ifconfig epair0a inet6 2001:db8::2/64 no_dad up')],
    run: sh('route add -6 -net 2001:db8:1::/64 2001:db8::1'),
    expect: { code: 0, stdout: 'add net 2001:db8:1::/64: gateway 2001:db8::1\n' },
    effect: (host) => expect(routesOf(host)).toContain('2001:db8:1::/64 via 2001:db8::1'),
  },
  {
    id: 'route.add-default-srv',
    source: S.passBlock('received_on_body: jexec srv route add default 203.0.113.1'),
    note: '${epair_route} → epair0.',
    setup: [mkepair, mkjail('srv', 'epair0b'), sh('ifconfig epair0b 203.0.113.2/24 up', 'srv')],
    run: sh('route add default 203.0.113.1', 'srv'),
    expect: { code: 0, stdout: 'add net default: gateway 203.0.113.1\n' },
    effect: (host) => expect(routesOf(host, 'srv')).toEqual(['default via 203.0.113.1']),
  },
  {
    id: 'route.add-host-family-first',
    source: S.forward('fwd_ip_icmp_gw_fast_success_body: jexec ${jname} route -4 add -host ${dst_ip} ${ip4a}'),
    note: '${jname} → v4t-fwd_ip_icmp_gw_fast_success, ${epair} → epair0, ${dst_ip} → 192.0.2.4, ${ip4a} → 192.0.2.1, plen 29.',
    setup: [
      mkepair,
      sh('ifconfig epair0a up'),
      sh('ifconfig epair0a inet 192.0.2.1/29'),
      mkjail('v4t-fwd_ip_icmp_gw_fast_success', 'epair0b'),
      sh('ifconfig epair0b up', 'v4t-fwd_ip_icmp_gw_fast_success'),
      sh('ifconfig epair0b inet 192.0.2.2/29', 'v4t-fwd_ip_icmp_gw_fast_success'),
    ],
    run: sh('route -4 add -host 192.0.2.4 192.0.2.1', 'v4t-fwd_ip_icmp_gw_fast_success'),
    expect: { code: 0, stdout: 'add host 192.0.2.4: gateway 192.0.2.1\n' },
    effect: (host) => expect(routesOf(host, 'v4t-fwd_ip_icmp_gw_fast_success')).toContain('192.0.2.4/32 via 192.0.2.1'),
  },
  {
    id: 'route.add-net-family-after-add',
    source: S.lpm('lpm_test1_success_body: jexec ${jname}a route add -4 -net 198.51.100.0/30 203.0.113.2'),
    note: '${jname}a → v4t-lpm_test1_successa, ${epair0} → epair0 (setup_networking: jail a gets epair0a at 203.0.113.1/30).',
    setup: [mkepair, mkjail('v4t-lpm_test1_successa', 'epair0a'), sh('ifconfig epair0a up', 'v4t-lpm_test1_successa'), sh('ifconfig epair0a inet 203.0.113.1/30', 'v4t-lpm_test1_successa')],
    run: sh('route add -4 -net 198.51.100.0/30 203.0.113.2', 'v4t-lpm_test1_successa'),
    expect: { code: 0, stdout: 'add net 198.51.100.0: gateway 203.0.113.2\n' },
    effect: (host) => expect(routesOf(host, 'v4t-lpm_test1_successa')).toContain('198.51.100.0/30 via 203.0.113.2'),
  },
  // ---------------------------------------------------------------- sysctl
  {
    id: 'sysctl.i-n-read',
    source: S.vnetSubr('vnet_init: sysctl -i -n kern.features.vimage'),
    setup: [],
    run: sh('sysctl -i -n kern.features.vimage'),
    expect: { code: 0, stdout: '1\n' },
    effect: () => {},
  },
  {
    id: 'sysctl.n-read',
    source: S.ifconfigTest('badfib_body: ifconfig ${epair}a fib $(sysctl -n net.fibs)'),
    note: 'The inner command; a default kernel has one FIB.',
    setup: [],
    run: sh('sysctl -n net.fibs'),
    expect: { code: 0, stdout: '1\n' },
    effect: () => {},
  },
  {
    id: 'sysctl.set-forwarding-in-jail',
    source: S.natOld('exhaust_body: jexec nat sysctl net.inet.ip.forwarding=1'),
    note: 'sysctl.c parse() prints "name: old -> new". net.inet.ip.forwarding is per vnet: the host keeps 0.',
    setup: [mkepair, mkepair, mkjail('nat', 'epair0b', 'epair1a')],
    run: sh('sysctl net.inet.ip.forwarding=1', 'nat'),
    expect: { code: 0, stdout: 'net.inet.ip.forwarding: 0 -> 1\n' },
    effect: (host) => {
      expect(sysctlOf(host, 'nat', 'net.inet.ip.forwarding')).toBe('1');
      expect(sysctlOf(host, 'host', 'net.inet.ip.forwarding')).toBe('0');
    },
  },
  {
    id: 'sysctl.set-forwarding-host',
    source: S.bastilleSetup('configure_bridge() line 271: sysctl net.inet.ip.forwarding=1'),
    setup: [],
    run: sh('sysctl net.inet.ip.forwarding=1'),
    expect: { code: 0, stdout: 'net.inet.ip.forwarding: 0 -> 1\n' },
    effect: (host) => expect(sysctlOf(host, 'host', 'net.inet.ip.forwarding')).toBe('1'),
  },
  {
    id: 'sysctl.set-pfil-bridge',
    source: S.bastilleSetup('configure_bridge() line 272: sysctl net.link.bridge.pfil_bridge=0 (after line 263 ifconfig bridge0 create)'),
    note: 'The net.link.bridge.* sysctls exist once if_bridge is loaded; `ifconfig bridge0 create` loads it. Default 1 (sys/net/if_bridge.c).',
    setup: [sh('ifconfig bridge0 create')],
    run: sh('sysctl net.link.bridge.pfil_bridge=0'),
    expect: { code: 0, stdout: 'net.link.bridge.pfil_bridge: 1 -> 0\n' },
    effect: (host) => expect(sysctlOf(host, 'host', 'net.link.bridge.pfil_bridge')).toBe('0'),
  },
  {
    id: 'sysctl.set-inherit-mac-in-jail',
    source: S.bridgeTest('inherit_mac_body: jexec one sysctl net.link.bridge.inherit_mac=1'),
    note: '${bridge} → bridge0, ${epair} → epair0. Default 0 (bridge.4).',
    setup: [mkbridge, mkepair, mkjail('one', 'bridge0', 'epair0a')],
    run: sh('sysctl net.link.bridge.inherit_mac=1', 'one'),
    expect: { code: 0, stdout: 'net.link.bridge.inherit_mac: 0 -> 1\n' },
    effect: (host) => expect(sysctlOf(host, 'one', 'net.link.bridge.inherit_mac')).toBe('1'),
  },
  {
    id: 'sysctl.set-ip6-forwarding-in-jail',
    source: S.nat('nat6_nolinklocal_body: jexec nat sysctl net.inet6.ip6.forwarding=1'),
    setup: [mkepair, mkepair, mkjail('nat', 'epair0b', 'epair1a')],
    run: sh('sysctl net.inet6.ip6.forwarding=1', 'nat'),
    expect: { code: 0, stdout: 'net.inet6.ip6.forwarding: 0 -> 1\n' },
    effect: (host) => expect(sysctlOf(host, 'nat', 'net.inet6.ip6.forwarding')).toBe('1'),
  },
  {
    id: 'sysctl.set-redirect-in-jail',
    source: S.forward('fwd_ip_icmp_iface_fast_success_body: jexec ${jname} sysctl net.inet.ip.redirect=0'),
    note: '${jname} → v4t-fwd_ip_icmp_iface_fast_success. Default 1 (sys/netinet/ip_input.c V_ipsendredirects).',
    setup: [mkepair, mkjail('v4t-fwd_ip_icmp_iface_fast_success', 'epair0b')],
    run: sh('sysctl net.inet.ip.redirect=0', 'v4t-fwd_ip_icmp_iface_fast_success'),
    expect: { code: 0, stdout: 'net.inet.ip.redirect: 1 -> 0\n' },
    effect: (host) => expect(sysctlOf(host, 'v4t-fwd_ip_icmp_iface_fast_success', 'net.inet.ip.redirect')).toBe('0'),
  },
  // ---------------------------------------------------------------- pfctl
  {
    id: 'pfctl.enable-in-jail',
    source: S.anchor('pr183198_body: jexec alcatraz pfctl -e'),
    note: '"pf enabled" goes to stderr (sbin/pfctl/pfctl.c pfctl_enable). Each vnet has its own pf.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('pfctl -e', 'alcatraz'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(pfOf(host, 'alcatraz').enabled).toBe(true);
      expect(pfOf(host, 'host').enabled).toBe(false);
    },
  },
  {
    id: 'pfctl.disable-in-jail',
    source: S.passBlock('enable_disable_body: jexec ${j} pfctl -d ("Disable succeeds")'),
    note: '${j} → pass_block:enable_disable.',
    setup: [mkjail('pass_block:enable_disable'), sh('pfctl -e', 'pass_block:enable_disable')],
    run: sh('pfctl -d', 'pass_block:enable_disable'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(pfOf(host, 'pass_block:enable_disable').enabled).toBe(false),
  },
  {
    id: 'pfctl.flush-all-in-jail',
    source: S.pfUtils('pft_set_rules: jexec ${jname} pfctl -F all'),
    note: '${jname} → alcatraz, after rules were loaded.',
    setup: [...pfJail('alcatraz'), ...pftSetRules('alcatraz', 'block in', 'pass in proto icmp')],
    run: sh('pfctl -F all', 'alcatraz'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-s', 'rules'], 'alcatraz')).toBe(''),
  },
  {
    id: 'pfctl.load-stdin-in-jail',
    source: S.passBlock('v4_body: pft_set_rules alcatraz "block in" "pass in proto icmp" (utils.subr: printf … | jexec ${jname} pfctl -f -)'),
    note: '${epair} → epair0.',
    setup: [mkepair, sh('ifconfig epair0a 192.0.2.1/24 up'), mkjail('alcatraz', 'epair0b'), sh('ifconfig epair0b 192.0.2.2/24 up', 'alcatraz'), sh('pfctl -e', 'alcatraz'), sh('pfctl -F all', 'alcatraz')],
    run: { argv: ['pfctl', '-f', '-'], jail: 'alcatraz', stdin: 'block in\npass in proto icmp\n' },
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      const rules = listing(host, ['pfctl', '-s', 'rules'], 'alcatraz');
      expect(rules).toMatch(/^block drop in all\n/m);
      expect(rules).toMatch(/^pass in proto icmp all keep state\n/m);
      expect(listing(host, ['pfctl', '-s', 'rules'])).toBe('');
    },
  },
  {
    id: 'pfctl.show-rules-recursive-nested',
    source: S.anchor('nested_anchor_body: jexec alcatraz pfctl -sr -a "*" (expected output inline in the test)'),
    note: '${epair} → epair0. The rules are what the test\'s pft_set_rules call prints: printf turns each \\n into a newline, the continuation lines keep their tabs.',
    setup: [...pfJail('alcatraz'), ...pftSetRules('alcatraz', 'anchor "foo" { \n\t\t\tanchor "bar" { \n\t\t\t\tpass on epair0a \n\t\t\t} \n\t\t}')],
    run: sh('pfctl -sr -a *', 'alcatraz'),
    expect: { code: 0, stdout: 'anchor "foo" all {\n  anchor "bar" all {\n    pass on epair0a all flags S/SA keep state\n  }\n}\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.load-wildcard-child',
    source: S.anchor('wildcard_body: echo "pass" | jexec alcatraz pfctl -g -f - -a "foo/bar"'),
    note: '${epair} → epair0. The main ruleset calls "foo/*", so foo/bar is evaluated.',
    setup: [mkepair, mkjail('alcatraz', 'epair0a'), sh('ifconfig epair0b 192.0.2.2/24 up'), sh('ifconfig epair0a 192.0.2.1/24 up', 'alcatraz'), sh('pfctl -e', 'alcatraz'), ...pftSetRules('alcatraz', 'block', 'anchor "foo/*"')],
    run: { argv: ['pfctl', '-g', '-f', '-', '-a', 'foo/bar'], jail: 'alcatraz', stdin: 'pass\n' },
    expect: { code: 0 },
    effect: (host) => {
      expect(listing(host, ['pfctl', '-a', 'foo/bar', '-s', 'rules'], 'alcatraz')).toBe('pass all flags S/SA keep state\n');
      expect(listing(host, ['pfctl', '-sr', '-a', '*'], 'alcatraz')).toMatch(/pass all flags S\/SA keep state/);
    },
  },
  {
    id: 'pfctl.load-nat-anchor-nested',
    source: S.natOld('nested_anchor_body: echo "nat on ${epair}a from any to any -> (${epair}a)" | jexec nat pfctl -g -a "foo/bar" -f -'),
    note: '${epair} → epair0.',
    setup: [mkepair, mkjail('nat', 'epair0a'), ...pftSetRules('nat', 'nat-anchor "foo"'), { argv: ['pfctl', '-g', '-a', 'foo', '-f', '-'], jail: 'nat', stdin: 'nat-anchor "bar"\n' }],
    run: { argv: ['pfctl', '-g', '-a', 'foo/bar', '-f', '-'], jail: 'nat', stdin: 'nat on epair0a from any to any -> (epair0a)\n' },
    expect: { code: 0 },
    effect: (host) => expect(listing(host, ['pfctl', '-a', 'foo/bar', '-s', 'nat'], 'nat')).toBe('nat on epair0a all -> (epair0a) round-robin\n'),
  },
  {
    id: 'pfctl.show-nat-recursive-nested',
    source: S.natOld('nested_anchor_body: jexec nat pfctl -sn -a "*" (expected output inline in the test)'),
    note: '${epair} → epair0.',
    setup: [
      mkepair,
      mkjail('nat', 'epair0a'),
      ...pftSetRules('nat', 'nat-anchor "foo"'),
      { argv: ['pfctl', '-g', '-a', 'foo', '-f', '-'], jail: 'nat', stdin: 'nat-anchor "bar"\n' },
      { argv: ['pfctl', '-g', '-a', 'foo/bar', '-f', '-'], jail: 'nat', stdin: 'nat on epair0a from any to any -> (epair0a)\n' },
    ],
    run: sh('pfctl -sn -a *', 'nat'),
    expect: { code: 0, stdout: 'nat-anchor "foo" all {\n  nat-anchor "bar" all {\n    nat on epair0a all -> (epair0a) round-robin\n  }\n}\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.load-file-rc',
    source: S.rcPf('pf_start: $pf_program -f "$pf_rules" $pf_flags'),
    note: ['$pf_rules → /etc/pf.conf holding the ruleset `bastille setup` writes (setup.sh configure_pf lines 332-350, ext_if=em0).', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -F all')],
    run: sh('pfctl -f /etc/pf.conf'),
    expect: { code: 0 },
    effect: (host) => {
      expect(listing(host, ['pfctl', '-s', 'rules'])).toMatch(/^anchor "bastille\/\*" all$/m);
      expect(listing(host, ['pfctl', '-s', 'nat'])).toMatch(/^rdr-anchor "rdr\/\*" all$/m);
    },
  },
  {
    id: 'pfctl.check-file-rc',
    source: S.rcPf('pf_check: $pf_program -n -f "$pf_rules" $pf_flags'),
    note: ['-n parses and loads nothing.', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [],
    run: sh('pfctl -n -f /etc/pf.conf'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-s', 'rules'])).toBe(''),
  },
  {
    id: 'pfctl.enable-quiet-rc',
    source: S.rcPf('pf_start: $pf_program -eq'),
    setup: [],
    run: sh('pfctl -eq'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(pfOf(host).enabled).toBe(true),
  },
  {
    id: 'pfctl.disable-quiet-rc',
    source: S.rcPf('pf_stop: $pf_program -dq'),
    setup: [sh('pfctl -eq')],
    run: sh('pfctl -dq'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(pfOf(host).enabled).toBe(false),
  },
  {
    id: 'pfctl.show-info-rc',
    source: S.rcPf('pf_start: if ! $pf_program -s info | grep -q "Enabled"'),
    note: 'Only the Status line is matched (sbin/pfctl/pf_print_state.c print_status).',
    setup: [sh('pfctl -eq')],
    run: sh('pfctl -s info'),
    expect: { code: 0, stdout: /^Status: Enabled for \d+ days \d\d:\d\d:\d\d +Debug: \w+\n/ },
    effect: () => {},
  },
  {
    id: 'pfctl.show-running-rc',
    source: S.rcPf('pf_status: $pf_program -s Running >/dev/null'),
    note: 'pfctl.8: "Show the running status and provide a non-zero exit status when disabled"; enabled here.',
    setup: [sh('pfctl -eq')],
    run: sh('pfctl -s Running'),
    expect: { code: 0, stdout: 'Enabled\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.show-nat-bastille-hook',
    source: S.bastilleRdr('check_rdr_anchor() line 81: pfctl -sn | grep rdr-anchor | grep \'rdr/\\*\''),
    note: BASTILLE_PF_CONF_NOTE,
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -sn'),
    expect: { code: 0, stdout: /^rdr-anchor "rdr\/\*" all$/m },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-bastille-hook',
    source: S.bastilleRdr('check_rdr_anchor() line 83: pfctl -sr | grep anchor | grep \'bastille/\\*\''),
    note: BASTILLE_PF_CONF_NOTE,
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -sr'),
    expect: { code: 0, stdout: /^anchor "bastille\/\*" all$/m },
    effect: () => {},
  },
  {
    id: 'pfctl.load-anchor-stdin-attached',
    source: S.bastilleRdr('load_rdr_rule() lines 186-188: ( pfctl -a "rdr/${TARGET}" -Psn …; printf … ) | pfctl -a "rdr/${TARGET}" -f-'),
    note: [`${BASTILLE_RDR_NOTE}. \`-f-\` is one argv word: getopt takes "-" as -f's argument.`, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE },
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-a', 'rdr/web', '-Psn'])).toMatch(/^rdr on em0 inet proto tcp from any to any port = 8080 -> 10\.17\.89\.10 port 80$/m),
  },
  {
    id: 'pfctl.show-anchor-nat-numeric',
    source: S.bastilleRdr('load_rdr_rule() line 186: pfctl -a "rdr/${TARGET}" -Psn'),
    note: [`${BASTILLE_RDR_NOTE}. -P prints ports as numbers.`, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE }],
    run: sh('pfctl -a rdr/web -Psn'),
    expect: { code: 0, stdout: /^rdr on em0 inet proto tcp from any to any port = 8080 -> 10\.17\.89\.10 port 80\n$/ },
    effect: () => {},
  },
  {
    id: 'pfctl.load-filter-anchor-bastille',
    source: S.bastilleRdr('load_rdr_rule() lines 191-193: ( pfctl -a "bastille/${TARGET}" -Psr …; printf … ) | pfctl -a "bastille/${TARGET}" -f-'),
    note: [BASTILLE_RDR_NOTE, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: { argv: ['pfctl', '-a', 'bastille/web', '-f-'], stdin: BASTILLE_PASS_RULE },
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-a', 'bastille/web', '-Psr'])).toMatch(/^pass in on em0 inet proto tcp from any to 10\.17\.89\.10 port = 80 flags S\/SA keep state$/m),
  },
  {
    id: 'pfctl.flush-anchor-nat',
    source: S.bastilleRdr('line 360: pfctl -a "rdr/${TARGET}" -Fn'),
    note: [`${BASTILLE_RDR_NOTE}. "nat cleared" goes to stderr.`, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE }],
    run: sh('pfctl -a rdr/web -Fn'),
    expect: { code: 0, stdout: '' },
    // The emptied anchor is removed at the commit (sys/netpfil/pf/pf_ruleset.c pf_remove_if_empty_kruleset(),
    // docs/freebsd/pf.md "Which anchors exist"), so it is checked through its parent's anchor list:
    // `pfctl -a rdr/web -sn` would then only warn that the anchor does not exist (text of 14 not read).
    effect: (host) => {
      expect(listing(host, ['pfctl', '-a', 'rdr', '-s', 'Anchors'])).toBe('');
      expect(pfOf(host).anchors.get('rdr/web')?.rules ?? []).toEqual([]);
    },
  },
  {
    id: 'pfctl.flush-anchor-rules',
    source: S.bastilleRdr('line 361: pfctl -a "bastille/${TARGET}" -Fr'),
    note: [`${BASTILLE_RDR_NOTE}. "rules cleared" goes to stderr.`, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'bastille/web', '-f-'], stdin: BASTILLE_PASS_RULE }],
    run: sh('pfctl -a bastille/web -Fr'),
    expect: { code: 0, stdout: '' },
    // As for pfctl.flush-anchor-nat: the emptied anchor is removed, so its parent's list is checked.
    effect: (host) => {
      expect(listing(host, ['pfctl', '-a', 'bastille', '-s', 'Anchors'])).toBe('');
      expect(pfOf(host).anchors.get('bastille/web')?.rules ?? []).toEqual([]);
    },
  },
  {
    id: 'pfctl.show-anchors-below',
    source: S.pfctl8('-s Anchors: "If -a anchor is specified as well, the anchors loaded directly below the given anchor are shown instead"'),
    note: ['The flag form of pfctl.8, with the anchor Bastille loads (rdr/web). pfctl prints each anchor path after two spaces.', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE }],
    run: sh('pfctl -a rdr -s Anchors'),
    expect: { code: 0, stdout: '  rdr/web\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-recursive-main',
    source: S.pfctl8("-a: # pfctl -a '*' -sr"),
    note: ['With Bastille\'s ruleset and bastille/web loaded; only the hook line is matched.', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'bastille/web', '-f-'], stdin: BASTILLE_PASS_RULE }],
    run: sh('pfctl -a * -sr'),
    expect: { code: 0, stdout: /^anchor "bastille\/\*" all/m },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-anchor-parens',
    source: S.pfctl8('-a: # pfctl -a "authpf/smith(1234)" -s rules'),
    note: 'The anchor is loaded first with `pass` (through pfctl -a … -f -), as authpf(8) would load a user\'s rules.',
    setup: [{ argv: ['pfctl', '-a', 'authpf/smith(1234)', '-f', '-'], stdin: 'pass\n' }],
    run: { argv: ['pfctl', '-a', 'authpf/smith(1234)', '-s', 'rules'] },
    expect: { code: 0, stdout: 'pass all flags S/SA keep state\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.flush-all-recursive',
    source: S.pfctl8("-a: # pfctl -a '*' -Fa"),
    note: [
      "pfctl.8 at 041ce1d6 says the line flushes \"all rulesets and tables recursively\"; that is the pfctl of sbin/pfctl/pfctl.c 00406234 (taken as 15), whose -F runs pfctl_recurse(). pfctl.c at bc5ed32b (taken as 14) has no recursion: main() strips the \"*\" and sets PF_OPT_RECURSE, and -F all then flushes the main ruleset only (with the main-only extras: states, source nodes, statistics, interface flags). So on 14 the line is accepted and the anchor rdr/web keeps its rules. Earlier the effect here expected rdr/web flushed too, which is the 15 behaviour (docs/freebsd/pf.md \"Flushing\").",
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE }],
    run: sh('pfctl -a * -Fa'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      expect(listing(host, ['pfctl', '-s', 'rules'])).toBe('');
      expect(listing(host, ['pfctl', '-s', 'nat'])).toBe('');
      // bc5ed32b: nothing below the main ruleset is flushed.
      expect(listing(host, ['pfctl', '-a', 'rdr/web', '-Psn'])).toBe('rdr on em0 inet proto tcp from any to any port = 8080 -> 10.17.89.10 port 80\n');
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
      const rows = (JSON.parse(listing(host, ['netstat', '-i', '-b', '-n', '--libxo', 'json'])) as { statistics: { interface: { name: string }[] } }).statistics.interface;
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['em0', 'lo0']));
    },
  },
  {
    id: 'netstat.interfaces-json-in-jail',
    source: NETSTAT_1('SYNOPSIS: netstat -i | -I interface [-j jail] [--libxo] [-46abdhnW] [-f address_family]; -j jail: run inside that jail'),
    note: 'The synopsis form with -j, as quoted in the project docs/freebsd.md §3.1.',
    setup: [mkepair, mkjail('alcatraz', 'epair0b')],
    run: sh('netstat -j alcatraz -i -b -n --libxo json'),
    expect: { code: 0, stdout: /^\{"statistics": \{"interface": \[/ },
    effect: (host) => {
      const rows = (JSON.parse(listing(host, ['netstat', '-j', 'alcatraz', '-i', '-b', '-n', '--libxo', 'json'])) as { statistics: { interface: { name: string }[] } }).statistics.interface;
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
      const rows = (JSON.parse(listing(host, ['netstat', '-I', 'epair0a', '-b', '-n', '--libxo', 'json'])) as { statistics: { interface: { name: string }[] } }).statistics.interface;
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['epair0a']));
    },
  },
];
