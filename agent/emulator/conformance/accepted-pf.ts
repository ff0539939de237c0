import { expect } from 'vitest';
import { listing, pfOf } from './host-view';
import {
  BASTILLE_PASS_RULE,
  BASTILLE_PF_CONF_MODELLED,
  BASTILLE_PF_CONF_NOTE,
  BASTILLE_RDR_NOTE,
  BASTILLE_RDR_RULE,
  mkepair,
  mkjail,
  pftSetRules,
  S,
  sh,
} from './steps';
import type { AcceptedEntry } from './types';

// Command lines FreeBSD accepts, pf: pfctl. Each is copied from FreeBSD's own
// material or from BastilleBSD, with the documented effect. How to read and extend: docs/freebsd/conformance.md.

const pfJail = (name: string) => [mkepair, mkjail(name, 'epair0a')];

export const acceptedPf: AcceptedEntry[] = [
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
    source: S.passBlock(
      'v4_body: pft_set_rules alcatraz "block in" "pass in proto icmp" (utils.subr: printf … | jexec ${jname} pfctl -f -)',
    ),
    note: '${epair} → epair0.',
    setup: [
      mkepair,
      sh('ifconfig epair0a 192.0.2.1/24 up'),
      mkjail('alcatraz', 'epair0b'),
      sh('ifconfig epair0b 192.0.2.2/24 up', 'alcatraz'),
      sh('pfctl -e', 'alcatraz'),
      sh('pfctl -F all', 'alcatraz'),
    ],
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
    note: "${epair} → epair0. The rules are what the test's pft_set_rules call prints: printf turns each \\n into a newline, the continuation lines keep their tabs.",
    setup: [
      ...pfJail('alcatraz'),
      ...pftSetRules('alcatraz', 'anchor "foo" { \n\t\t\tanchor "bar" { \n\t\t\t\tpass on epair0a \n\t\t\t} \n\t\t}'),
    ],
    run: sh('pfctl -sr -a *', 'alcatraz'),
    expect: {
      code: 0,
      stdout: 'anchor "foo" all {\n  anchor "bar" all {\n    pass on epair0a all flags S/SA keep state\n  }\n}\n',
    },
    effect: () => {},
  },
  {
    id: 'pfctl.load-wildcard-child',
    source: S.anchor('wildcard_body: echo "pass" | jexec alcatraz pfctl -g -f - -a "foo/bar"'),
    note: '${epair} → epair0. The main ruleset calls "foo/*", so foo/bar is evaluated.',
    setup: [
      mkepair,
      mkjail('alcatraz', 'epair0a'),
      sh('ifconfig epair0b 192.0.2.2/24 up'),
      sh('ifconfig epair0a 192.0.2.1/24 up', 'alcatraz'),
      sh('pfctl -e', 'alcatraz'),
      ...pftSetRules('alcatraz', 'block', 'anchor "foo/*"'),
    ],
    run: { argv: ['pfctl', '-g', '-f', '-', '-a', 'foo/bar'], jail: 'alcatraz', stdin: 'pass\n' },
    expect: { code: 0 },
    effect: (host) => {
      expect(listing(host, ['pfctl', '-a', 'foo/bar', '-s', 'rules'], 'alcatraz')).toBe(
        'pass all flags S/SA keep state\n',
      );
      expect(listing(host, ['pfctl', '-sr', '-a', '*'], 'alcatraz')).toMatch(/pass all flags S\/SA keep state/);
    },
  },
  {
    id: 'pfctl.load-nat-anchor-nested',
    source: S.natOld(
      'nested_anchor_body: echo "nat on ${epair}a from any to any -> (${epair}a)" | jexec nat pfctl -g -a "foo/bar" -f -',
    ),
    note: '${epair} → epair0.',
    setup: [
      mkepair,
      mkjail('nat', 'epair0a'),
      ...pftSetRules('nat', 'nat-anchor "foo"'),
      { argv: ['pfctl', '-g', '-a', 'foo', '-f', '-'], jail: 'nat', stdin: 'nat-anchor "bar"\n' },
    ],
    run: {
      argv: ['pfctl', '-g', '-a', 'foo/bar', '-f', '-'],
      jail: 'nat',
      stdin: 'nat on epair0a from any to any -> (epair0a)\n',
    },
    expect: { code: 0 },
    effect: (host) =>
      expect(listing(host, ['pfctl', '-a', 'foo/bar', '-s', 'nat'], 'nat')).toBe(
        'nat on epair0a all -> (epair0a) round-robin\n',
      ),
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
      {
        argv: ['pfctl', '-g', '-a', 'foo/bar', '-f', '-'],
        jail: 'nat',
        stdin: 'nat on epair0a from any to any -> (epair0a)\n',
      },
    ],
    run: sh('pfctl -sn -a *', 'nat'),
    expect: {
      code: 0,
      stdout:
        'nat-anchor "foo" all {\n  nat-anchor "bar" all {\n    nat on epair0a all -> (epair0a) round-robin\n  }\n}\n',
    },
    effect: () => {},
  },
  {
    id: 'pfctl.load-file-rc',
    source: S.rcPf('pf_start: $pf_program -f "$pf_rules" $pf_flags'),
    note: [
      '$pf_rules → /etc/pf.conf holding the ruleset `bastille setup` writes (setup.sh configure_pf lines 332-350, ext_if=em0).',
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
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
    id: 'pfctl.table-add-bastille-start',
    source: S.bastilleStart('line 143: pfctl -q -t "${bastille_network_pf_table}" -T add "${ip}"'),
    note: [
      '${bastille_network_pf_table} → jails (bastille.conf.sample), ${ip} → 10.17.89.1; -q: no "1/1 addresses added."',
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -q -t jails -T add 10.17.89.1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-t', 'jails', '-T', 'show'])).toBe('   10.17.89.1\n'),
  },
  {
    id: 'pfctl.table-delete-bastille-stop',
    source: S.bastilleStop('line 157: pfctl -q -t "${bastille_network_pf_table}" -T delete "${ip}"'),
    note: ['${bastille_network_pf_table} → jails, ${ip} → 10.17.89.1.', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), sh('pfctl -q -t jails -T add 10.17.89.1')],
    run: sh('pfctl -q -t jails -T delete 10.17.89.1'),
    expect: { code: 0, stdout: '' },
    effect: (host) => expect(listing(host, ['pfctl', '-t', 'jails', '-T', 'show'])).toBe(''),
  },
  {
    id: 'pfctl.table-show-bastille-rdr',
    source: S.bastilleRdr('line 117: pfctl -t "${table}" -T show > /dev/null 2>&1'),
    note: ['${table} → jails; rdr.sh only tests that the table exists.', BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -t jails -T show'),
    expect: { code: 0, stdout: '' },
    effect: () => {},
  },
  {
    id: 'pfctl.show-nat-bastille-hook',
    source: S.bastilleRdr("check_rdr_anchor() line 81: pfctl -sn | grep rdr-anchor | grep 'rdr/\\*'"),
    note: BASTILLE_PF_CONF_NOTE,
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -sn'),
    expect: { code: 0, stdout: /^rdr-anchor "rdr\/\*" all$/m },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-bastille-hook',
    source: S.bastilleRdr("check_rdr_anchor() line 83: pfctl -sr | grep anchor | grep 'bastille/\\*'"),
    note: BASTILLE_PF_CONF_NOTE,
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: sh('pfctl -sr'),
    expect: { code: 0, stdout: /^anchor "bastille\/\*" all$/m },
    effect: () => {},
  },
  {
    id: 'pfctl.load-anchor-stdin-attached',
    source: S.bastilleRdr(
      'load_rdr_rule() lines 186-188: ( pfctl -a "rdr/${TARGET}" -Psn …; printf … ) | pfctl -a "rdr/${TARGET}" -f-',
    ),
    note: [
      `${BASTILLE_RDR_NOTE}. \`-f-\` is one argv word: getopt takes "-" as -f's argument.`,
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE },
    expect: { code: 0, stdout: '' },
    effect: (host) =>
      expect(listing(host, ['pfctl', '-a', 'rdr/web', '-Psn'])).toMatch(
        /^rdr on em0 inet proto tcp from any to any port = 8080 -> 10\.17\.89\.10 port 80$/m,
      ),
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
    source: S.bastilleRdr(
      'load_rdr_rule() lines 191-193: ( pfctl -a "bastille/${TARGET}" -Psr …; printf … ) | pfctl -a "bastille/${TARGET}" -f-',
    ),
    note: [BASTILLE_RDR_NOTE, BASTILLE_PF_CONF_NOTE].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf')],
    run: { argv: ['pfctl', '-a', 'bastille/web', '-f-'], stdin: BASTILLE_PASS_RULE },
    expect: { code: 0, stdout: '' },
    effect: (host) =>
      expect(listing(host, ['pfctl', '-a', 'bastille/web', '-Psr'])).toMatch(
        /^pass in on em0 inet proto tcp from any to 10\.17\.89\.10 port = 80 flags S\/SA keep state$/m,
      ),
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
    source: S.pfctl8(
      '-s Anchors: "If -a anchor is specified as well, the anchors loaded directly below the given anchor are shown instead"',
    ),
    note: [
      'The flag form of pfctl.8, with the anchor Bastille loads (rdr/web). pfctl prints each anchor path after two spaces.',
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'rdr/web', '-f-'], stdin: BASTILLE_RDR_RULE }],
    run: sh('pfctl -a rdr -s Anchors'),
    expect: { code: 0, stdout: '  rdr/web\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-recursive-main',
    source: S.pfctl8("-a: # pfctl -a '*' -sr"),
    note: [
      "With Bastille's ruleset and bastille/web loaded; only the hook line is matched.",
      BASTILLE_PF_CONF_NOTE,
    ].join(' '),
    host: { files: { '/etc/pf.conf': BASTILLE_PF_CONF_MODELLED } },
    setup: [sh('pfctl -f /etc/pf.conf'), { argv: ['pfctl', '-a', 'bastille/web', '-f-'], stdin: BASTILLE_PASS_RULE }],
    run: sh('pfctl -a * -sr'),
    expect: { code: 0, stdout: /^anchor "bastille\/\*" all/m },
    effect: () => {},
  },
  {
    id: 'pfctl.show-rules-anchor-parens',
    source: S.pfctl8('-a: # pfctl -a "authpf/smith(1234)" -s rules'),
    note: "The anchor is loaded first with `pass` (through pfctl -a … -f -), as authpf(8) would load a user's rules.",
    setup: [{ argv: ['pfctl', '-a', 'authpf/smith(1234)', '-f', '-'], stdin: 'pass\n' }],
    run: { argv: ['pfctl', '-a', 'authpf/smith(1234)', '-s', 'rules'] },
    expect: { code: 0, stdout: 'pass all flags S/SA keep state\n' },
    effect: () => {},
  },
  {
    id: 'pfctl.flush-all-recursive',
    source: S.pfctl8("-a: # pfctl -a '*' -Fa"),
    note: [
      'pfctl.8 at 041ce1d6 says the line flushes "all rulesets and tables recursively"; that is the pfctl of sbin/pfctl/pfctl.c 00406234 (taken as 15), whose -F runs pfctl_recurse(). pfctl.c at bc5ed32b (taken as 14) has no recursion: main() strips the "*" and sets PF_OPT_RECURSE, and -F all then flushes the main ruleset only (with the main-only extras: states, source nodes, statistics, interface flags). So on 14 the line is accepted and the anchor rdr/web keeps its rules. Earlier the effect here expected rdr/web flushed too, which is the 15 behaviour (docs/freebsd/pf.md "Flushing").',
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
      expect(listing(host, ['pfctl', '-a', 'rdr/web', '-Psn'])).toBe(
        'rdr on em0 inet proto tcp from any to any port = 8080 -> 10.17.89.10 port 80\n',
      );
    },
  },
];
