import type { BridgeFilter, PfTable, PrintedPfRuleset } from '../../core/topology/schema';
import { CommandFailed } from '../executor/command-output';
import { ask, type Script } from '../executor/script';
import type { RunRequest, RunResult } from '../executor/types';
import { parsePfInfo } from '../freebsd/pfctl-info';
import { parseSysctlValues } from '../freebsd/sysctl-parse';

// What decides filtering in one network stack (the host's or a vnet jail's): its whole pf ruleset
// and the bridge pfil sysctls. Each vnet has its own pf and its own sysctls (docs/freebsd.md §9.3), so
// both are read inside the jail for a jail stack.

const PFIL = ['net.link.bridge.pfil_member', 'net.link.bridge.pfil_bridge'] as const;

/**
 * `pfctl -s info`, then the whole ruleset with anchors inline (`-a '*'`, §9.1). Undefined when pfctl
 * fails: pfctl opens /dev/pf first and exits 1 when it cannot (sbin/pfctl/pfctl.c main(), `err(1,
 * "%s", pf_device)`), as in a jail whose devfs ruleset hides /dev/pf or on a host without pf.ko.
 */
/**
 * `info`: the stack's `pfctl -s info`, when the caller has already asked for it. `listings`, when
 * given, receives each anchor's `-s Anchors` answer by path, so the caller need not ask again.
 */
export function* stackPfScript(
  jail?: string,
  info?: RunResult,
  listings?: Map<string, RunResult>,
): Script<PrintedPfRuleset | undefined> {
  const pfctl = (...args: string[]) => ask({ argv: ['pfctl', ...args], ...(jail === undefined ? {} : { jail }) });
  info ??= yield* pfctl('-s', 'info');
  if (info.code !== 0) return undefined;
  const rules = yield* pfctl('-s', 'rules', '-a', '*');
  const nat = yield* pfctl('-s', 'nat', '-a', '*');
  if (rules.code !== 0 || nat.code !== 0) return undefined;
  const tables = yield* tablesScript(pfctl, listings ?? new Map());
  // Kept exactly as printed; stderr may carry informational lines (§11 item 12) and is not part of it.
  return {
    enabled: parsePfInfo(info.stdout).enabled,
    rules: rules.stdout,
    nat: nat.stdout,
    ...(tables.length ? { tables } : {}),
  };
}

/** At most this many anchors are asked for their tables: a runaway listing must not make discovery endless. */
const MAX_ANCHORS = 2000;

type Pfctl = (...args: string[]) => Script<RunResult>;

/**
 * Every anchor of the stack, the main ruleset ("") first: `pfctl [-a PATH] -s Anchors` prints each
 * child as two spaces and its full path (pfctl.c pfctl_show_anchors(), docs/freebsd/pf.md); 14's
 * pfctl lists direct children only and 15's the whole subtree, so each one found is asked in turn
 * and none twice.
 */
function* anchorsScript(pfctl: Pfctl, listings: Map<string, RunResult>): Script<string[]> {
  const found = [''];
  for (let i = 0; i < found.length && found.length < MAX_ANCHORS; i++) {
    const path = found[i]!;
    const listing = yield* pfctl(...(path ? ['-a', path] : []), '-s', 'Anchors');
    listings.set(path, listing);
    if (listing.code !== 0) continue;
    for (const line of listing.stdout.split('\n')) {
      const child = line.trim();
      if (child && !found.includes(child)) found.push(child);
    }
  }
  return found;
}

/**
 * The running contents of every table in every anchor: `pfctl [-a PATH] -s Tables` (print_table():
 * one name a line) and `pfctl [-a PATH] -t NAME -T show` (print_addrx(): "%c %c%s", a feedback
 * character, a space, "!" or a space, then the address with "/prefix" below the host's; both in
 * sbin/pfctl/pfctl_table.c). A table pfctl will not show is left out rather than guessed.
 */
function* tablesScript(pfctl: Pfctl, listings: Map<string, RunResult>): Script<PfTable[]> {
  const tables: PfTable[] = [];
  for (const anchor of yield* anchorsScript(pfctl, listings)) {
    const scope = anchor ? ['-a', anchor] : [];
    const names = yield* pfctl(...scope, '-s', 'Tables');
    if (names.code !== 0) continue;
    for (const name of names.stdout.split('\n').map((line) => line.trim())) {
      if (!name) continue;
      const shown = yield* pfctl(...scope, '-t', name, '-T', 'show');
      if (shown.code !== 0) continue;
      tables.push({ anchor, name, entries: parseTableShow(shown.stdout) });
    }
  }
  return tables;
}

/** The entries of `pfctl -t NAME -T show`, as pfctl prints them ("10.17.89.1", "!10.0.0.0/8"). */
export function parseTableShow(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^. ([ !])(\S+)/.exec(line);
    if (!match) throw new Error(`pfctl -T show: unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    entries.push(`${match[1] === '!' ? '!' : ''}${match[2]}`);
  }
  return entries;
}

/**
 * `sysctl -n net.link.bridge.pfil_member net.link.bridge.pfil_bridge`. Undefined when sysctl says
 * `unknown oid` (§8): if_bridge is not loaded, so no bridge exists to filter on.
 */
export function* bridgeFilterScript(jail?: string): Script<BridgeFilter | undefined> {
  const request: RunRequest = { argv: ['sysctl', '-n', ...PFIL], ...(jail === undefined ? {} : { jail }) };
  const result = yield* ask(request);
  if (result.code !== 0 && /unknown oid/.test(result.stderr)) return undefined;
  if (result.code !== 0) throw new CommandFailed(request, result.code, result.stderr);
  const values = parseSysctlValues(result.stdout, PFIL);
  // if_bridge.c tests these as plain ints (`if (V_pfil_member ...)`), so any non-zero value filters.
  return {
    member: values['net.link.bridge.pfil_member'] !== '0',
    bridge: values['net.link.bridge.pfil_bridge'] !== '0',
  };
}
