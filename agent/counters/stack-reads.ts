// The two commands the poller runs: netstat for one network stack's counters, and jls to learn
// which jails have a stack of their own.
import { commandOutput } from '../executor/command-output';
import type { Executor } from '../executor/types';
import { parseJlsParams } from '../freebsd/jls-parse';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import type { InterfaceCounters } from '../freebsd/types';

// -b adds the byte counters and -n skips name lookups. Never -h (the JSON then holds strings like
// "1.2M") and never -d (it prints "dropped-packets" twice); docs/freebsd.md §3.1, §3.2.
const COUNTER_FLAGS = ['-i', '-b', '-n', '--libxo', 'json'];

/** `netstat [-j <jail>] -i -b -n --libxo json`; -j reads inside the jail's vnet and needs no userland there (§3.4). */
export function netstatArgv(jail?: string): string[] {
  return ['netstat', ...(jail === undefined ? [] : ['-j', jail]), ...COUNTER_FLAGS];
}

// Every value is a string in this jls form, and "vnet" is "new" for a jail with its own stack (§7.2).
export const JLS_ARGV = ['jls', '--libxo', 'json', 'jid', 'name', 'vnet'];

/** One stack's interface totals, from the <Link#N> rows (§3.2). Throws CommandFailed or ParseError. */
export async function readStackCounters(executor: Executor, jail?: string): Promise<InterfaceCounters[]> {
  return parseNetstatInterfaces(await commandOutput(executor, { argv: netstatArgv(jail) }));
}

/**
 * Names of the jails with a vnet of their own. Jails with vnet "inherit" share the host's stack, so
 * their interfaces are already in the host's netstat and reading them again would count them twice.
 */
export async function listVnetJails(executor: Executor): Promise<string[]> {
  const jails = parseJlsParams(await commandOutput(executor, { argv: JLS_ARGV }));
  return jails.filter((jail) => jail.vnet === 'new').map((jail) => jail.name);
}
