import type { RepoSource, CommandStep } from './types';

// Small builders shared by the accepted-*.ts files and rejected.ts. They only save typing: every line they build
// is a line the cited source runs.

/**
 * Splits a command line into argv the way sh(1) would for the simple lines in this corpus: blanks
 * separate words, '…' and "…" group (no escapes, no expansion). Lines that need more spell argv out.
 */
function words(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (ch === ' ' || ch === '\t') {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in: ${line}`);
  if (started) out.push(current);
  return out;
}

/** A step from a command line; `jail` runs it as `jexec <jail> …`. */
export function sh(line: string, jail?: string, stdin?: string): CommandStep {
  return { argv: words(line), ...(jail !== undefined ? { jail } : {}), ...(stdin !== undefined ? { stdin } : {}) };
}

/** tests/sys/common/vnet.subr vnet_mkepair: `ifconfig epair create`. */
export const mkepair: CommandStep = sh('ifconfig epair create');
/** tests/sys/common/vnet.subr vnet_mkbridge: `ifconfig bridge create`. */
export const mkbridge: CommandStep = sh('ifconfig bridge create');

/** tests/sys/common/vnet.subr vnet_mkjail: `jail -c name=${jailname} persist vnet ${vnet_interfaces}`. */
export function mkjail(name: string, ...interfaces: string[]): CommandStep {
  return { argv: ['jail', '-c', `name=${name}`, 'persist', 'vnet', ...interfaces.map((i) => `vnet.interface=${i}`)] };
}

/**
 * tests/sys/netpfil/pf/utils.subr pft_set_rules: `jexec ${jname} pfctl -F all`, then the rules,
 * one per printf line, into `jexec ${jname} pfctl -f -`.
 */
export function pftSetRules(jail: string, ...rules: string[]): CommandStep[] {
  return [sh('pfctl -F all', jail), { argv: ['pfctl', '-f', '-'], jail, stdin: rules.map((r) => `${r}\n`).join('') }];
}

const FREEBSD = 'freebsd/freebsd-src';
const FREEBSD_DOC = 'freebsd/freebsd-doc';
const BASTILLE = 'BastilleBSD/bastille';

function src(repo: string, path: string, commit: string, where: string): RepoSource {
  return { repo, path, commit, where };
}

// The files read for this corpus, at the commit each was read at.
export const S = {
  vnetSubrOld: (where: string) => src(FREEBSD, 'tests/sys/common/vnet.subr', '023fc80e', where),
  vnetSubr: (where: string) => src(FREEBSD, 'tests/sys/common/vnet.subr', '26ee6c58', where),
  bridgeTest: (where: string) => src(FREEBSD, 'tests/sys/net/if_bridge_test.sh', '023fc80e', where),
  bridgeTestMtu: (where: string) => src(FREEBSD, 'tests/sys/net/if_bridge_test.sh', '1b1334b1', where),
  ifconfigInet6Test: (where: string) => src(FREEBSD, 'sbin/ifconfig/tests/inet6.sh', '83304cac', where),
  ifconfigTest: (where: string) => src(FREEBSD, 'sbin/ifconfig/tests/ifconfig.sh', '86bfeb3c', where),
  wgTest: (where: string) => src(FREEBSD, 'tests/sys/netinet/if_wg_test.sh', '92df9e76', where),
  lpm: (where: string) => src(FREEBSD, 'tests/sys/netinet/lpm.sh', '6d13bb0e', where),
  forward: (where: string) => src(FREEBSD, 'tests/sys/netinet/forward.sh', 'd0b2dbfa', where),
  anchor: (where: string) => src(FREEBSD, 'tests/sys/netpfil/pf/anchor.sh', '1d723c1e', where),
  pfUtils: (where: string) => src(FREEBSD, 'tests/sys/netpfil/pf/utils.subr', '023fc80e', where),
  natOld: (where: string) => src(FREEBSD, 'tests/sys/netpfil/pf/nat.sh', '6d13bb0e', where),
  nat: (where: string) => src(FREEBSD, 'tests/sys/netpfil/pf/nat.sh', '028ce7e0', where),
  passBlock: (where: string) => src(FREEBSD, 'tests/sys/netpfil/pf/pass_block.sh', '668887b4', where),
  jailmeta: (where: string) => src(FREEBSD, 'tests/sys/kern/jailmeta.sh', '47015e45', where),
  jailBasic: (where: string) => src(FREEBSD, 'usr.sbin/jail/tests/jail_basic_test.sh', '0dcfecbf', where),
  ifconfig8: (where: string) => src(FREEBSD, 'sbin/ifconfig/ifconfig.8', '01047898', where),
  route8: (where: string) => src(FREEBSD, 'sbin/route/route.8', '031fb30f', where),
  pfctl8: (where: string) => src(FREEBSD, 'sbin/pfctl/pfctl.8', '041ce1d6', where),
  jail8: (where: string) => src(FREEBSD, 'usr.sbin/jail/jail.8', '0269ae4c', where),
  rcPf: (where: string) => src(FREEBSD, 'libexec/rc/rc.d/pf', '1b1334b1', where),
  jib: (where: string) => src(FREEBSD, 'share/examples/jails/jib', '07da9d3f', where),
  handbookJails: (where: string) =>
    src(FREEBSD_DOC, 'documentation/content/en/books/handbook/jails/_index.adoc', '003f3626', where),
  handbookNet: (where: string) =>
    src(FREEBSD_DOC, 'documentation/content/en/books/handbook/advanced-networking/_index.adoc', '000c4bca', where),
  bastilleNet: (where: string) => src(BASTILLE, 'usr/local/share/bastille/lib/network.sh', '040f8061', where),
  bastilleNetwork: (where: string) => src(BASTILLE, 'usr/local/share/bastille/network.sh', '040f8061', where),
  bastilleSetup: (where: string) => src(BASTILLE, 'usr/local/share/bastille/setup.sh', '040f8061', where),
  bastilleRdr: (where: string) => src(BASTILLE, 'usr/local/share/bastille/rdr.sh', '040f8061', where),
  bastilleChecks: (where: string) => src(BASTILLE, 'usr/local/share/bastille/lib/checks.sh', '040f8061', where),
  bastilleList: (where: string) => src(BASTILLE, 'usr/local/share/bastille/list.sh', '040f8061', where),
  bastilleStart: (where: string) => src(BASTILLE, 'usr/local/share/bastille/start.sh', '040f8061', where),
  bastilleStop: (where: string) => src(BASTILLE, 'usr/local/share/bastille/stop.sh', '040f8061', where),
};

/** The project's own planner output, as quoted in issue 13 (the line FreeBSD refuses). */
export const PATCHBAY_ISSUE_13 = src(
  'patchbay',
  'issues/13',
  '3a05e674',
  '"Why": the line the planner and the jail.conf.d renderer write',
);

/**
 * BastilleBSD/bastille usr/local/share/bastille/setup.sh configure_pf() lines 332-350: the pf.conf
 * `bastille setup` writes, with `$ext_if` set to em0 (the heredoc's `\$` written as `$`).
 */
const BASTILLE_PF_CONF = `## Bastille firewall configuration - start
ext_if="em0"

set block-policy return
scrub in on $ext_if all fragment reassemble
set skip on lo

table <jails> persist
nat on $ext_if from <jails> to any -> ($ext_if:0)
rdr-anchor "rdr/*"

block in all
pass out quick keep state
antispoof for $ext_if

anchor "bastille/*"
pass in proto tcp from any to any port ssh flags S/SA keep state
## Bastille firewall configuration - end
`;

/**
 * BASTILLE_PF_CONF without the three lines the emulator does not model (`set block-policy return`,
 * `scrub in on $ext_if all fragment reassemble`, `antispoof for $ext_if`; docs/freebsd/pf.md
 * "Checking"). What is left is still a valid pf.conf with Bastille's hooks in their places, so the
 * sourced lines that only need those hooks (rc.d/pf's load and check, rdr.sh's anchor commands) run
 * against it. The full file is in docs/freebsd/conformance.md "Left out, and why".
 */
export const BASTILLE_PF_CONF_MODELLED = BASTILLE_PF_CONF.split('\n')
  .filter((line) => !/^(set block-policy |scrub |antispoof )/.test(line))
  .join('\n');
export const BASTILLE_PF_CONF_NOTE =
  '/etc/pf.conf is the ruleset `bastille setup` writes (setup.sh configure_pf lines 332-350, ext_if=em0) without its `set block-policy return`, `scrub …` and `antispoof …` lines, which the emulator does not model.';

/**
 * BastilleBSD rdr.sh load_rdr_rule(): what it pipes into `pfctl -a "rdr/${TARGET}" -f-` (first rule: the -Psn listing
 * is empty).
 */
export const BASTILLE_RDR_RULE =
  'ext_if="{ em0 }"\nrdr on $ext_if inet proto tcp from any to any port 8080 -> 10.17.89.10 port 80\n';
/** BastilleBSD rdr.sh load_rdr_rule(): what it pipes into `pfctl -a "bastille/${TARGET}" -f-`. */
export const BASTILLE_PASS_RULE =
  'ext_if="{ em0 }"\npass in on $ext_if inet proto tcp from any to 10.17.89.10 port 80\n';
export const BASTILLE_RDR_NOTE =
  'rdr.sh load_rdr_rule() with TARGET=web, if_raw=em0, src=any, dst=any, proto=tcp, host_port=8080, jail_port=80, JAIL_IP=10.17.89.10, bastille_network_pf_ext_if=ext_if; the `pfctl -a … -Psn 2>/dev/null` prefix prints nothing for a new anchor';

/** The Handbook's VNET jail lines run /sbin/ifconfig and /sbin/route; the executor takes bare names. */
export const ABSOLUTE = 'The source runs /sbin/ifconfig (/sbin/route); the executor takes the bare command name.';
export const HANDBOOK_VNET_VARS =
  '$id=154, $epair=epair154, $bridge=bridge0, $name=vnet, $ip=192.168.1.154/24, $gateway=192.168.1.1.';

/** The Handbook's VNET jail host side: bridge0 on em0, then exec.prestart's first two lines. */
export const handbookVnetHost = [mkbridge, sh('ifconfig bridge0 addm em0 up'), sh('ifconfig epair154 create up')];
