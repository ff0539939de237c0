import { chatterFlows } from './background-traffic';
import { FreebsdEmulator } from './emulator';
import { LOAD_PF_CONF, PATCHBAY_PF_HOOKS, pfConfFiles } from './pf/hooks';
import type { HostState } from './state';
import type { TrafficFlow } from './traffic';

// The Bastille demo host (`--profile bastille`): a FreeBSD host set up the way BastilleBSD documents
// its default, shared-IP jails behind NAT, built command by command through the strict emulator, as
// demo-host.ts builds the blog host. Sources, BastilleBSD/bastille at commit 040f8061 (details and
// the lines left out in fixtures/bastille/SOURCES.md):
// - docs/chapters/networking/nat.rst: a cloned loopback named bastille0 (`sysrc
//   cloned_interfaces+=lo1`, `sysrc ifconfig_lo1_name="bastille0"`, `service netif cloneup`, which
//   runs `ifconfig lo1 create` and renames it), pf enabled with the pf.conf below.
// - usr/local/etc/bastille/bastille.conf.sample: bastille_network_loopback="bastille0",
//   bastille_network_pf_ext_if="ext_if", bastille_network_pf_table="jails".
// - usr/local/share/bastille/setup.sh configure_pf(): the pf.conf `bastille setup` writes (the same
//   rules as nat.rst, with `antispoof for $ext_if` and `keep state`).
// - usr/local/share/bastille/create.sh generate_jail_conf(): the jail.conf of a shared-IP jail,
//   `ip4.addr = bastille0|<ip>;` among its parameters; start.sh: `pfctl -q -t jails -T add <ip>`
//   (the address is reached through the default gateway, so it is NAT'ed), then `jail -f
//   <jail.conf> -c <name>`.
// - usr/local/share/bastille/rdr.sh load_rdr_rule(): `bastille rdr web tcp 2001 22` pipes
//   `ext_if="{ em0 }"` and `rdr on $ext_if inet proto tcp from any to any port 2001 -> <ip> port 22`
//   into `pfctl -a rdr/web -f-` (after `pfctl -a rdr/web -Psn`, the rules already there), and the
//   matching `pass in on $ext_if inet proto tcp from any to <ip> port 22` into `pfctl -a bastille/web -f-`.
// The addresses are this demo's own: the LAN 192.168.1.0/24 (gateway .1), and IPv6 from the
// documentation prefix 2001:db8::/32 (RFC 3849), so no real network is named.

type Step = { argv: string[]; stdin?: string };

const BASTILLE_HOSTNAME = 'bastille.example.org';
export const BASTILLE_UPLINK = 'em0';
/** bastille.conf.sample bastille_network_loopback. */
const BASTILLE_LOOPBACK = 'bastille0';
/** bastille.conf.sample bastille_network_pf_table. */
const BASTILLE_TABLE = 'jails';
const JAILS_DIR = '/usr/local/bastille/jails';

interface BastilleJail {
  name: string;
  ip4: string;
}

/** The jails, with addresses from Bastille's documented 10.17.89.0/24 example range (rdr.rst, nat.rst). */
export const BASTILLE_JAILS: readonly BastilleJail[] = [
  { name: 'web', ip4: '10.17.89.1' },
  { name: 'db', ip4: '10.17.89.2' },
];

/** `bastille rdr <jail> tcp <host port> <jail port>` calls made on the demo host. */
const BASTILLE_RDRS: readonly { jail: string; hostPort: number; jailPort: number }[] = [
  { jail: 'web', hostPort: 2001, jailPort: 22 },
  { jail: 'web', hostPort: 8080, jailPort: 80 },
];

const [NAT_HOOK, FILTER_HOOK] = PATCHBAY_PF_HOOKS.trimEnd().split('\n');

/**
 * setup.sh configure_pf()'s pf.conf with ext_if="em0", less the lines the emulator's pfctl does not
 * model (`set block-policy return`, `scrub in on $ext_if all fragment reassemble`, `antispoof for
 * $ext_if`: SOURCES.md), plus Patchbay's two hook lines, which the admin added so that designs can
 * add rules through Patchbay's anchors: the translation hook after Bastille's rdr-anchor, the filter
 * hook after its anchor (pfctl wants translation before filtering, parse.y check_rulestate()).
 */
export const BASTILLE_PF_CONF = [
  '## Bastille firewall configuration - start',
  `ext_if="${BASTILLE_UPLINK}"`,
  '',
  'set skip on lo',
  '',
  `table <${BASTILLE_TABLE}> persist`,
  `nat on $ext_if from <${BASTILLE_TABLE}> to any -> ($ext_if:0)`,
  'rdr-anchor "rdr/*"',
  NAT_HOOK,
  '',
  'block in all',
  'pass out quick keep state',
  '',
  'anchor "bastille/*"',
  FILTER_HOOK,
  'pass in proto tcp from any to any port ssh flags S/SA keep state',
  '## Bastille firewall configuration - end',
  '',
].join('\n');

/**
 * create.sh generate_jail_conf() for a shared-IP jail, cut to the parameters the emulator models:
 * enforce_statfs, exec.clean, exec.consolelog, exec.start/stop ('/bin/sh /etc/rc'), mount.fstab,
 * securelevel and `ip6 = disable` are left out, and `persist` stands in for the processes /etc/rc
 * would leave running (the emulator's jails have none).
 */
export function bastilleJailConf(jail: BastilleJail): string {
  return [
    `${jail.name} {`,
    '  devfs_ruleset = 4;',
    `  host.hostname = ${jail.name};`,
    '  mount.devfs;',
    `  path = ${JAILS_DIR}/${jail.name}/root;`,
    '  persist;',
    '',
    `  ip4.addr = ${BASTILLE_LOOPBACK}|${jail.ip4};`,
    '}',
    '',
  ].join('\n');
}

function run(host: FreebsdEmulator, step: Step): string {
  const result = host.runSync(step);
  if (result.code !== 0) throw new Error(`bastille host: ${step.argv.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * `( pfctl -a ANCHOR -Psn 2>/dev/null; printf ... ) | pfctl -a ANCHOR -f-`: the anchor's rules so far
 * (nothing, errors thrown away, for an anchor not loaded yet), then the new lines.
 */
function append(host: FreebsdEmulator, loaded: Set<string>, anchor: string, show: string, lines: string): void {
  const before = loaded.has(anchor) ? run(host, { argv: ['pfctl', '-a', anchor, show] }) : '';
  run(host, { argv: ['pfctl', '-a', anchor, '-f-'], stdin: `${before}${lines}` });
  loaded.add(anchor);
}

/** rdr.sh load_rdr_rule() for one IPv4 redirect (RDR_IF read from pf.conf's ext_if, src and dst "any"). */
function rdr(host: FreebsdEmulator, loaded: Set<string>, jail: BastilleJail, hostPort: number, jailPort: number) {
  const macro = `ext_if="{ ${BASTILLE_UPLINK} }"`;
  append(
    host,
    loaded,
    `rdr/${jail.name}`,
    '-Psn',
    `${macro}\nrdr on $ext_if inet proto tcp from any to any port ${hostPort} -> ${jail.ip4} port ${jailPort}\n`,
  );
  append(
    host,
    loaded,
    `bastille/${jail.name}`,
    '-Psr',
    `${macro}\npass in on $ext_if inet proto tcp from any to ${jail.ip4} port ${jailPort}\n`,
  );
}

function build(host: FreebsdEmulator): void {
  // The host's own network (rc.conf ifconfig_em0, ifconfig_em0_ipv6, defaultrouter, ipv6_defaultrouter).
  run(host, { argv: ['ifconfig', BASTILLE_UPLINK, 'inet6', '2001:db8:17::50/64'] });
  run(host, { argv: ['route', 'add', 'default', '192.168.1.1'] });
  run(host, { argv: ['route', '-6', 'add', 'default', '2001:db8:17::1'] });
  // nat.rst: cloned_interfaces+=lo1, ifconfig_lo1_name="bastille0", `service netif cloneup`.
  run(host, { argv: ['ifconfig', 'lo1', 'create'] });
  run(host, { argv: ['ifconfig', 'lo1', 'name', BASTILLE_LOOPBACK] });
  // nat.rst: pf_enable="YES", `service pf restart`.
  run(host, { argv: [...LOAD_PF_CONF] });
  run(host, { argv: ['pfctl', '-e'] });
  for (const jail of BASTILLE_JAILS) {
    // start.sh: the address into the table, then the jail from its jail.conf.
    run(host, { argv: ['pfctl', '-q', '-t', BASTILLE_TABLE, '-T', 'add', jail.ip4] });
    run(host, { argv: ['jail', '-f', `${JAILS_DIR}/${jail.name}/jail.conf`, '-c', jail.name] });
  }
  const loaded = new Set<string>();
  for (const { jail, hostPort, jailPort } of BASTILLE_RDRS)
    rdr(
      host,
      loaded,
      BASTILLE_JAILS.find((j) => j.name === jail)!,
      hostPort,
      jailPort,
    );
}

/**
 * What the Bastille host sends on one tick: chatter from vnet jails an apply may add (its own jails share the host's
 * stack).
 */
export function bastilleFlows(state: HostState): TrafficFlow[] {
  return chatterFlows(state);
}

export function createBastilleHost(seed = 17): FreebsdEmulator {
  const jailFiles = Object.fromEntries(
    BASTILLE_JAILS.map((jail) => [`${JAILS_DIR}/${jail.name}/jail.conf`, bastilleJailConf(jail)]),
  );
  const host = new FreebsdEmulator({
    release: '14',
    hostname: BASTILLE_HOSTNAME,
    seed,
    files: { ...pfConfFiles(BASTILLE_PF_CONF), ...jailFiles },
    directories: BASTILLE_JAILS.flatMap((jail) => [
      `${JAILS_DIR}/${jail.name}/root`,
      `${JAILS_DIR}/${jail.name}/root/dev`,
    ]),
    nics: [{ name: BASTILLE_UPLINK, addresses: ['192.168.1.50/24'] }],
  });
  build(host);
  return host;
}
