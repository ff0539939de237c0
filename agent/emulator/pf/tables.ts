import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../../core/net/ip';
import { unsupported } from '../commands/output';
import type { TableEntry, Vnet } from '../state';
import { replaceRuleset, rulesetOf } from './store';

// pf tables at run time: `pfctl [-a anchor] -s Tables` and `pfctl [-a anchor] [-q] -t NAME -T
// add|delete|show [address ...]` (sbin/pfctl/pfctl_table.c, freebsd/freebsd-src commit 041ce1d6):
// - pfctl_table() "-s": pfr_get_tables() of the anchor alone; print_table() prints each ACTIVE
//   table's name with puts(). The kernel keeps tables in an RB tree ordered by name
//   (pfr_ktable_compare(): strcmp of the names), so the names come sorted.
// - "show": print_addrx() per address, `printf("%c %c%s", fback, not ? '!' : ' ', addr)` with
//   fback ' ' (PFR_FB_NONE), then "/%d" when the prefix is shorter than the host's; pfr_get_addrs()
//   walks the IPv4 radix tree, then the IPv6 one. The order inside a family is taken as ascending
//   address, then prefix (a radix walk of keys; not checked for networks sharing a key).
// - "add": load_addr() reads the operands (append_addr(): an address, "address/prefix", "!"
//   negation; a host name is resolved: not emulated); CREATE_TABLE makes the table (with
//   PFR_TFLAG_PERSIST) when it does not exist and says "%d table created"; pfr_add_addrs() adds
//   those not yet there: "%d/%d addresses added". "delete": "%d/%d addresses deleted". Every
//   message goes through xprintf(): stderr, ".\n" after it, nothing with -q.
// - A table a ruleset declares (`table <name> ...` in a file loaded with -f) gets the declared
//   contents at each load (pfr_ina_define() with PFR_FLAG_ADDRSTOO, pfctl_define_table()).
// What the kernel answers for a table that does not exist (radix_perror() with pfr_strerror(ESRCH))
// was not read word for word, so `-T show` or `-T delete` of one is refused as unsupported.

/** The emulator's key of a table: pf scopes tables per anchor (NUL cannot be in either name). */
function tableKey(anchor: string, name: string): string {
  return `${anchor}\0${name}`;
}

/** The running contents of a vnet's tables, by tableKey(anchor, name). */
function contents(vnet: Vnet): Map<string, TableEntry[]> {
  return (vnet.pf.tableEntries ??= new Map());
}

/** The tables of one ruleset: those its rules declare and those `-T add` created there. */
export function tablesOf(vnet: Vnet, anchor: string): string[] {
  return [...(rulesetOf(vnet, anchor).tables ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function entryText(entry: TableEntry): string {
  const host = entry.family === 4 ? 32 : 128;
  const address = entry.family === 4 ? formatIPv4(entry.value) : formatIPv6(entry.value);
  return `${entry.negated ? '!' : ''}${address}${entry.prefix < host ? `/${entry.prefix}` : ''}`;
}

/** The entries of a table as pfctl prints them, in the kernel's order (for discovery and tests). */
function tableEntries(vnet: Vnet, anchor: string, name: string): string[] {
  return sorted(contents(vnet).get(tableKey(anchor, name)) ?? []).map(entryText);
}

function sorted(entries: TableEntry[]): TableEntry[] {
  return [...entries].sort((a, b) =>
    a.family !== b.family
      ? a.family - b.family
      : a.value !== b.value
        ? a.value < b.value
          ? -1
          : 1
        : a.prefix - b.prefix,
  );
}

/** append_addr() for one operand; refuses what is not an address (a name would be resolved). */
function parseTableEntry(text: string): TableEntry {
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  const slash = body.indexOf('/');
  const addressText = slash < 0 ? body : body.slice(0, slash);
  const v4 = parseIPv4(addressText);
  const v6 = v4 === null ? parseIPv6(addressText) : null;
  if (v4 === null && v6 === null) unsupported('pfctl', `table address "${text}" (host names are not resolved)`);
  const family = v4 !== null ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(bits) : body.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > bits)
    unsupported('pfctl', `table address "${text}": a malformed prefix (pfctl's wording not modelled)`);
  const prefix = Number(prefixText);
  const value = (v4 ?? v6)!;
  const hostBits = BigInt(bits - prefix);
  // pfr_validate_addr() refuses host bits below the prefix (EINVAL); its message was not read.
  if (hostBits > 0n && value & ((1n << hostBits) - 1n))
    unsupported('pfctl', `table address "${text}" with host bits set (the kernel's EINVAL is not modelled)`);
  return { family, value, prefix, negated };
}

const same = (a: TableEntry, b: TableEntry) => a.family === b.family && a.value === b.value && a.prefix === b.prefix;

/**
 * After a load that covers tables: the declared tables get the declared contents; the tables `-T
 * add` created in that ruleset stay, with theirs; the other tables are gone. Gives the table list.
 */
export function loadTables(vnet: Vnet, anchor: string, declared: Map<string, string[]>): string[] {
  const added = [...(vnet.pf.addedTables ?? [])]
    .filter((key) => key.startsWith(tableKey(anchor, '')))
    .map((key) => key.slice(tableKey(anchor, '').length))
    .filter((name) => !declared.has(name));
  for (const [name, texts] of declared) {
    contents(vnet).set(tableKey(anchor, name), texts.map(parseTableEntry));
    vnet.pf.addedTables?.delete(tableKey(anchor, name));
  }
  const names = [...declared.keys(), ...added];
  forgetTables(vnet, anchor, names);
  return names;
}

/** Drops the contents of tables a load or flush removed from a ruleset. */
function forgetTables(vnet: Vnet, anchor: string, keep: readonly string[]): void {
  const prefix = tableKey(anchor, '');
  for (const key of [...contents(vnet).keys()])
    if (key.startsWith(prefix) && !keep.includes(key.slice(prefix.length))) contents(vnet).delete(key);
}

/**
 * pfctl_clear_tables() for one anchor (`-F Tables`, and the tables step of `-F all`): the kernel's
 * pfr_clr_tables() clears PFR_TFLAG_ACTIVE on every active table of the anchor, and a table that is
 * no longer active loses its addresses (pfr_setflags_ktable(), sys/netpfil/pf/pf_table.c; that
 * function was not re-read for this). The names, the running contents and the mark of tables
 * `-T add` created all go, so no later load or `-T show` brings old contents back. Gives the count
 * pfctl prints ("%d tables deleted").
 */
export function clearTables(vnet: Vnet, anchor: string): number {
  const ruleset = rulesetOf(vnet, anchor);
  const count = ruleset.tables?.length ?? 0;
  replaceRuleset(vnet, anchor, { rules: ruleset.rules });
  forgetTables(vnet, anchor, []);
  const prefix = tableKey(anchor, '');
  for (const key of [...(vnet.pf.addedTables ?? [])]) if (key.startsWith(prefix)) vnet.pf.addedTables!.delete(key);
  return count;
}

export interface TableCommand {
  anchor: string;
  name: string;
  command: string;
  operands: string[];
  quiet: boolean;
}

/** pfctl_table() for -T add, delete and show. Returns what pfctl prints. */
export function tableCommand(vnet: Vnet, request: TableCommand): { stdout: string; stderr: string } {
  const { anchor, name, command, operands, quiet } = request;
  const say = (message: string) => (quiet ? '' : `${message}.\n`);
  const exists = (rulesetOf(vnet, anchor).tables ?? []).includes(name);
  const key = tableKey(anchor, name);
  if (command === 'show') {
    if (operands.length) unsupported('pfctl', '-T show with addresses (pfctl prints its usage)');
    if (!exists) unsupported('pfctl', `-T show of table <${name}>, which does not exist (the message was not read)`);
    // "%c %c%s": the feedback character (' '), a space, then '!' or ' '.
    const lines = tableEntries(vnet, anchor, name).map((e) => `  ${e.startsWith('!') ? e : ` ${e}`}\n`);
    return { stdout: lines.join(''), stderr: '' };
  }
  const entries = operands.map(parseTableEntry);
  if (operands.length === 0) unsupported('pfctl', `-T ${command} without addresses (or with -f)`);
  if (command === 'add') {
    let stderr = '';
    if (!exists) {
      const ruleset = rulesetOf(vnet, anchor);
      replaceRuleset(vnet, anchor, { ...ruleset, tables: [...(ruleset.tables ?? []), name] });
      contents(vnet).set(key, []);
      (vnet.pf.addedTables ??= new Set()).add(key);
      stderr += say('1 table created');
    }
    const current = contents(vnet).get(key) ?? [];
    let added = 0;
    for (const entry of entries) {
      if (current.some((e) => same(e, entry))) continue;
      current.push(entry);
      added++;
    }
    contents(vnet).set(key, current);
    return { stdout: '', stderr: stderr + say(`${added}/${entries.length} addresses added`) };
  }
  if (command === 'delete') {
    if (!exists)
      unsupported('pfctl', `-T delete from table <${name}>, which does not exist (the message was not read)`);
    const current = contents(vnet).get(key) ?? [];
    const kept = current.filter((e) => !entries.some((d) => same(d, e)));
    contents(vnet).set(key, kept);
    return { stdout: '', stderr: say(`${current.length - kept.length}/${entries.length} addresses deleted`) };
  }
  return unsupported('pfctl', `-T ${command}`);
}
