import type { BridgeFilter, PrintedPfRuleset } from '../../core/topology/schema';
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
/** `info`: the stack's `pfctl -s info`, when the caller has already asked for it. */
export function* stackPfScript(jail?: string, info?: RunResult): Script<PrintedPfRuleset | undefined> {
  const pfctl = (...args: string[]) => ask({ argv: ['pfctl', ...args], ...(jail === undefined ? {} : { jail }) });
  info ??= yield* pfctl('-s', 'info');
  if (info.code !== 0) return undefined;
  const rules = yield* pfctl('-s', 'rules', '-a', '*');
  const nat = yield* pfctl('-s', 'nat', '-a', '*');
  if (rules.code !== 0 || nat.code !== 0) return undefined;
  // Kept exactly as printed; stderr may carry informational lines (§11 item 12) and is not part of it.
  return { enabled: parsePfInfo(info.stdout).enabled, rules: rules.stdout, nat: nat.stdout };
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
