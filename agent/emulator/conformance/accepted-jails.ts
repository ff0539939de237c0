import { expect } from 'vitest';
import { iface, jailNamed, namesIn } from './host-view';
import { mkbridge, mkepair, mkjail, S, sh } from './steps';
import type { AcceptedEntry } from './types';

// Command lines FreeBSD accepts, jails: jail, jls and jexec. Each is copied from FreeBSD's own
// material or from BastilleBSD, with the documented effect. How to read and extend: docs/freebsd/conformance.md.

export const acceptedJails: AcceptedEntry[] = [
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
    id: 'jail.create-ip4-addr',
    source: S.jailBasic('basic_body: jail -c name=basejail persist ip4.addr=192.0.1.1'),
    note: 'A shared-IP jail: no interface named, so jail(8) adds no alias (config.c: "cs || defif"); the kernel keeps the address (kern_jail_set).',
    setup: [],
    run: sh('jail -c name=basejail persist ip4.addr=192.0.1.1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => {
      const jail = jailNamed(host.state, 'basejail');
      expect(jail?.ip4).toEqual([0xc0000101n]);
      expect(jail?.vnet).toBe(0);
      expect(namesIn(host)).toEqual(['em0', 'lo0']);
    },
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
    expect: {
      code: 0,
      stdout:
        /^\{"__version": "2", "jail-information": \{"jail": \[\{"jid":1,"ipv4":"","hostname":"[^"]*","path":"\/"\}\]\}\}\n$/,
    },
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
];
