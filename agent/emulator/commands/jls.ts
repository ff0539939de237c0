import { findJail, type HostState, type Jail } from '../state';
import { abort, guard, ok, type Command } from './output';

// jls(8) in the forms the agent uses (reference/freebsd.md §7): `--libxo json` with named
// parameters (every value a string), `-v --libxo json` (numbers for jid and cpusetid), and the
// default text table "%6d  %-15.15s %-29.29s %.74s".

const ENVELOPE_OPEN = '{"__version": "2", "jail-information": {"jail": [';
const ENVELOPE_CLOSE = ']}}\n';

function parameter(state: HostState, jail: Jail, name: string): string | undefined {
  switch (name) {
    case 'jid':
      return String(jail.jid);
    case 'name':
      return jail.name;
    case 'path':
      return jail.path;
    case 'host.hostname':
      return jail.hostname;
    case 'vnet': {
      const parentVnet = jail.parentJid === 0 ? 0 : state.jails.get(jail.parentJid)?.vnet;
      return jail.vnet === parentVnet ? 'inherit' : 'new'; // values "new"/"inherit" unverified (§7.2)
    }
    case 'parent':
      return String(jail.parentJid);
    case 'children.max':
      return String(jail.childrenMax);
    default:
      return undefined;
  }
}

const leaf = (key: string, value: string | number) => `"${key}":${typeof value === 'number' ? value : JSON.stringify(value)}`;

function verbose(jail: Jail): string {
  const fields = [leaf('jid', jail.jid), leaf('hostname', jail.hostname), leaf('path', jail.path), leaf('name', jail.name), leaf('state', 'ACTIVE'), leaf('cpusetid', jail.jid + 2)];
  // Lists open with ", " and ": [" in libxo (fixture jls-v-libxo-json-zachfi.json); vnet jails have none.
  return `{${fields.join(',')}, "ipv4_addrs": [], "ipv6_addrs": []}`;
}

function table(jails: Jail[]): string {
  const rows = jails.map((j) => `${String(j.jid).padStart(6)}  ${''.padEnd(15)} ${j.hostname.slice(0, 29).padEnd(29)} ${j.path.slice(0, 74)}`);
  return ['   JID  IP Address      Hostname                      Path', ...rows].map((l) => `${l}\n`).join('');
}

export const jls: Command = (args, ctx) =>
  guard(() => {
    const rest = [...args];
    let json = false;
    let verboseMode = false;
    let only: Jail | undefined;
    while (rest[0]?.startsWith('-')) {
      const flag = rest.shift()!;
      if (flag === '--libxo') json = rest.shift() === 'json';
      else if (flag === '--libxo=json') json = true;
      else if (flag === '-v') verboseMode = true;
      else if (flag === '-j') {
        const wanted = rest.shift() ?? '';
        only = findJail(ctx.state, wanted);
        if (!only) abort('jls', `jail "${wanted}" not found`); // "not found" on stderr (§7.1); wording unverified
      } else abort('jls', `unsupported option ${flag}`);
    }
    const jails = only ? [only] : [...ctx.state.jails.values()].sort((a, b) => a.jid - b.jid);
    if (!json) return ok(table(jails));
    if (verboseMode) return ok(`${ENVELOPE_OPEN}${jails.map(verbose).join(', ')}${ENVELOPE_CLOSE}`);
    const items = jails.map((jail) => {
      const fields = rest.flatMap((name) => {
        const value = parameter(ctx.state, jail, name);
        return value === undefined ? [] : [leaf(name, value)];
      });
      return `{${fields.join(',')}}`;
    });
    return ok(`${ENVELOPE_OPEN}${items.join(', ')}${ENVELOPE_CLOSE}`);
  });
