import { unsupported } from '../commands/output';
import type { Release, Vnet } from '../state';
import { replaceRuleset, ruleKind, rulesetOf } from './store';
import { clearTables } from './tables';

// `pfctl [-a anchor] [-q] -F rules|nat|all` (docs/freebsd/pf.md "Flushing"). Sources:
// - sbin/pfctl/pfctl.c pfctl_flush_rules() ("rules cleared") and pfctl_flush_nat() ("nat
//   cleared"), pfctl_flush_eth_rules() ("Ethernet rules cleared"), all on stderr unless -q
//   (commit 00406234; bc5ed32b the same). libpfctl's pfctl_clear_rules() empties the scrub and
//   filter rulesets of the anchor, pfctl_clear_nat() the nat, binat and rdr rulesets.
// - -F all with an anchor, main(): Ethernet rules, rules, nat, then the anchor's tables
//   (pfctl_table.c: xprintf "%d tables deleted" + ".\n", commit 041ce1d6). At 00406234 (taken as 15)
//   the filter rules are flushed once more after the tables ("rules cleared" twice); at bc5ed32b
//   (taken as 14) not. Which revision each release ships was not checked.
// - -F all without -a (main(), `if (!*anchorname)`) then also runs, at both revisions:
//   pfctl_clear_altq() (silent without ALTQ in the kernel: altqsupport is 0), pfctl_clear_iface_states()
//   ("%d states cleared"), pfctl_clear_src_nodes() ("source tracking entries cleared"),
//   pfctl_clear_stats() ("pf: statistics cleared"), pfctl_clear_fingerprints() (silent,
//   sbin/pfctl/pfctl_osfp.c) and pfctl_clear_interface_flags() ("pf: interface flags reset";
//   through pfctl_reset() at 00406234). DIOCCLRSTATUS zeroes the counters and restarts the status
//   clock (`V_pf_status.since = time_second`, sys/netpfil/pf/pf_ioctl.c pfioctl(), 14-era revision
//   in the index; commit not shown).
// - -F Tables: main() calls pfctl_do_clear_tables(), pfctl_table(..., "-F", ...) in pfctl_table.c:
//   pfctl_clear_tables() then xprintf "%d tables deleted" (stderr, ".\n" after it, nothing with -q);
//   those lines are the same at 041ce1d6 and in OpenBSD's pfctl_table.c 1.67 it comes from, so no
//   release is refused. -F all clears the tables the same way (pf/tables.ts clearTables()).
// - -F with a recursive anchor at 00406234 runs pfctl_recurse() ("Removing:" on stdout): refused.
//   At bc5ed32b there is no recursion: `-a '*' -F all` is the main flush.

export interface FlushRequest {
  release: Release;
  anchor: string;
  /** -F's argument: rules, nat, all, ... */
  what: string;
  quiet: boolean;
  recurse: boolean;
  clock: number;
}

export function flushRuleset(vnet: Vnet, { release, anchor, what, quiet, recurse, clock }: FlushRequest): string {
  if (recurse && release !== '14')
    unsupported('pfctl', '-F with a recursive anchor ("x/*"): pfctl_recurse() is not emulated');
  const before = rulesetOf(vnet, anchor);
  const keepFilter = (rule: string) => ruleKind(rule) !== 'filter';
  const keepNat = (rule: string) => ruleKind(rule) === 'filter';
  const say = (lines: string[]) => (quiet ? '' : lines.map((l) => `${l}\n`).join(''));
  switch (what) {
    case 'rules':
      replaceRuleset(vnet, anchor, { ...before, rules: before.rules.filter(keepFilter) });
      return say(['rules cleared']);
    case 'nat':
      replaceRuleset(vnet, anchor, { ...before, rules: before.rules.filter(keepNat) });
      return say(['nat cleared']);
    case 'Tables':
      return say([`${clearTables(vnet, anchor)} tables deleted.`]);
    case 'all': {
      if (release === '13') unsupported('pfctl', '-F all on 13 (its messages were not read)');
      replaceRuleset(vnet, anchor, { ...before, rules: [] });
      const tables = clearTables(vnet, anchor);
      const lines = [
        'Ethernet rules cleared',
        'rules cleared',
        'nat cleared',
        `${tables} tables deleted.`,
        ...(release === '15' ? ['rules cleared'] : []),
      ];
      if (anchor !== '') return say(lines);
      const states = vnet.pf.counters.get('current entries') ?? 0;
      vnet.pf.counters.clear();
      if (vnet.pf.enabled) vnet.pf.enabledAt = clock;
      return say([
        ...lines,
        `${states} states cleared`,
        'source tracking entries cleared',
        'pf: statistics cleared',
        'pf: interface flags reset',
      ]);
    }
    default:
      return unsupported('pfctl', `-F ${what}`);
  }
}
