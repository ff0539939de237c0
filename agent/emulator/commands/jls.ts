import { formatIPv4, formatIPv6 } from '../../../core/net/ip';
import { PrisonError, descendantCount, getPrisonById, getPrisonByName, parentVnet } from '../jail-conf/prison';
import { kernelNotModelled } from '../jail-conf/spec';
import { HOST_VNET, type HostState, type Jail } from '../state';
import { getopt } from './getopt';
import { fail, guard, ok, unsupported, type CommandContext, type Output } from './output';

// jls(8), after usr.sbin/jls/jls.c main(), print_jail(), quoted_print(), special_print() (15-era
// text in fel1x-developer/freebsd-src 2d614aa2; upstream freebsd/freebsd-src jls.c read at f4618751
// is pre-libxo; docs/freebsd/jail.md "jls"):
//
//   jls [-v] [-q] [-j jail] [--libxo json] [param ...]     getopt(3) "adj:hNnqsv"
//
//   - `-j 7`: a nonzero number is a jid, anything else a name (strtoul: "!jid || *ep" -> name);
//   - no param: the default table "%6d  %-15.15s %-29.29s %.74s" under its header, or with -v the
//     verbose one; with --libxo json the same fields as JSON (jid and cpusetid are numbers);
//   - params: one line per jail, the values separated by spaces; an empty string prints as "";
//     -q quotes values holding blanks or quotes; with --libxo json every value is a JSON string;
//   - an unknown parameter: "jls: unknown parameter: <name>" (libjail jailparam_init), exit 1;
//   - -j naming no jail: the kernel's "jail \"x\" not found" / "jail 7 not found", exit 1 (after
//     the table header, which is printed first).
// -a/-d (dying jails), -h, -N, -n, -s and other --libxo styles are not modelled.

const ENVELOPE_OPEN = '{"__version": "2", "jail-information": {"jail": [';
const ENVELOPE_CLOSE = ']}}\n';
const DEFAULT_HEADER = '   JID  IP Address      Hostname                      Path\n';
const VERBOSE_HEADER =
  '   JID  Hostname                      Path\n        Name                          State\n        CPUSetID\n        IP Address(es)\n';

/** A jail's addresses of one family as inet_ntop(3) prints them, in the kernel's order. */
function addressesOf(jail: Jail, family: 'ip4' | 'ip6'): string[] {
  return (jail[family] ?? []).map(family === 'ip4' ? formatIPv4 : formatIPv6);
}

/** The array parameters: special_print() lists them in JSON (emit_ip_addr_list()); in text libjail joins them. */
const ADDRESS_LISTS: Readonly<Record<string, 'ip4' | 'ip6'>> = { 'ip4.addr': 'ip4', 'ip6.addr': 'ip6' };

/** The parameters jls can print here, by their security.jail.param name: jailparam_export() of each, as a string. */
const PARAMS: Readonly<Record<string, (state: HostState, jail: Jail) => string>> = {
  jid: (_, jail) => String(jail.jid),
  name: (_, jail) => jail.name,
  path: (_, jail) => jail.path,
  'host.hostname': (_, jail) => jail.hostname,
  // A jailsys parameter: "new" for a vnet of its own, "inherit" otherwise (libjail jailsys_values).
  vnet: (state, jail) => (jail.vnet === parentVnet(state, jail) ? 'inherit' : 'new'),
  // kern_jail_get: 0 when the parent is the caller's own prison (the host here).
  parent: (_, jail) => String(jail.parentJid),
  'children.max': (_, jail) => String(jail.childrenMax),
  'children.cur': (state, jail) => String(descendantCount(state, jail)),
  // The emulator's jails have no processes; one without persist does not outlive its start.
  persist: () => 'true',
  dying: () => 'false',
  // libjail jailparam_export(): the elements of an array parameter joined with "," (an empty one is
  // special_print()'s "-" or '""' below).
  'ip4.addr': (_, jail) => addressesOf(jail, 'ip4').join(','),
  'ip6.addr': (_, jail) => addressesOf(jail, 'ip6').join(','),
  ip4: (state, jail) => ipMode(state, jail, 'ip4'),
  ip6: (state, jail) => ipMode(state, jail, 'ip6'),
};

/**
 * The jailsys parameters ip4 / ip6. kern_jail_set() (commit 002c06d2) gives a new jail without a
 * vnet PR_IP4_USER unless `ip4=inherit` is asked ("Set some default values": the jail is then
 * restricted, with or without addresses); a vnet jail never has it. kern_jail_get() prints the flag
 * through pr_flag_jailsys, whose ip4 entry has PR_IP4_USER as both `disable` and `new`, so a
 * restricted jail reads "disable" (`(f != 0 && f == jsf->disable) ? JAIL_SYS_DISABLE`) and one
 * without the flag "inherit". Kernels that split off PR_IP4_DISABLE may print "new" for a jail
 * with addresses; discovery only tells "inherit" from the rest.
 */
function ipMode(state: HostState, jail: Jail, family: 'ip4' | 'ip6'): string {
  const ownVnet = jail.vnet !== parentVnet(state, jail);
  return ownVnet || jail.inherits?.includes(family) ? 'inherit' : 'disable';
}

/**
 * Kernel parameters that exist (kern_jail.c kern_jail_get) but are not modelled here, and nodying, nopersist and all.
 */
const NOT_MODELLED = kernelNotModelled(['nodying', 'nopersist', 'all', 'ip[46]\\.(no)?saddrsel']);

/** One parameter's value; `name` is one of PARAMS (jls() checks them all first). */
function value(state: HostState, jail: Jail, name: string): string {
  return PARAMS[name]!(state, jail);
}

/** jls.c special_print() in text mode: an empty address list is '""' with -q, "-" without. */
function textValue(state: HostState, jail: Jail, name: string, quote: boolean): string {
  const text = value(state, jail, name);
  if (ADDRESS_LISTS[name] && text === '') return quote ? '""' : '-';
  return quoted(text, quote);
}

/**
 * One parameter in JSON. Scalars are leaves, `"name":"value"`; ip4.addr / ip6.addr are lists
 * (special_print() → emit_ip_addr_list(): xo_open_list(name), one `{ql:...}` per address), which
 * libxo opens with `"name": [` preceded by ", " when something came before in the instance
 * (xo_do_open_list(), fixture jls-v-libxo-json-zachfi.json) and whose items it separates with ","
 * (xo_format_prep(); no fixture shows two addresses).
 */
function jsonFields(state: HostState, jail: Jail, names: string[]): string {
  let out = '';
  names.forEach((name, i) => {
    const family = ADDRESS_LISTS[name];
    if (family) out += `${i > 0 ? ', ' : ''}${addressList(name, addressesOf(jail, family))}`;
    else out += `${i > 0 ? ',' : ''}${leaf(name, value(state, jail, name))}`;
  });
  return `{${out}}`;
}

function addressList(name: string, addresses: string[]): string {
  return `"${name}": [${addresses.map((a) => JSON.stringify(a)).join(',')}]`;
}

/** jls.c quoted_print() in text mode: "" for an empty value; with -q, quotes around blanks or quotes. */
function quoted(text: string, quote: boolean): string {
  if (text === '') return '""';
  const qc = text.includes("'") ? '"' : text.includes('"') ? "'" : /[ \t]/.test(text) ? '"' : '';
  return quote && qc ? `${qc}${text}${qc}` : text;
}

const pad = (text: string, width: number) => text.slice(0, width).padEnd(width);

/** The default table's ipv4 column: inet_ntoa() of the first ip4.addr, "" when there is none (jls.c print_jail()). */
function firstIpv4(jail: Jail): string {
  return addressesOf(jail, 'ip4')[0] ?? '';
}

function defaultRow(jail: Jail): string {
  // "{:jid/%6d}{P:  }{:ipv4/%-15.15s/%s}{P: }{:hostname/%-29.29s/%s}{P: }{:path/%.74s/%s}".
  const jid = String(jail.jid).padStart(6);
  return `${jid}  ${pad(firstIpv4(jail), 15)} ${pad(jail.hostname, 29)} ${jail.path.slice(0, 74)}\n`;
}

/** The emulator's cpuset id for a jail: not FreeBSD's numbering (docs/freebsd/jail.md "Unverified"). */
function cpusetId(jail: Jail): number {
  return jail.jid + 2;
}

function verboseRow(jail: Jail): string {
  // emit_ip_addr_list(): "{P:        }{ql:ipv4_addr}{P:\n}" per address, IPv4 then IPv6.
  const addresses = [...addressesOf(jail, 'ip4'), ...addressesOf(jail, 'ip6')].map((a) => `        ${a}\n`).join('');
  const first = `${String(jail.jid).padStart(6)}  ${pad(jail.hostname, 29)} ${jail.path.slice(0, 74)}\n`;
  return `${first}        ${pad(jail.name, 29)} ACTIVE\n        ${cpusetId(jail)}\n${addresses}`;
}

const leaf = (key: string, v: string | number) => `"${key}":${typeof v === 'number' ? v : JSON.stringify(v)}`;

function verboseJson(jail: Jail): string {
  const fields = [
    leaf('jid', jail.jid),
    leaf('hostname', jail.hostname),
    leaf('path', jail.path),
    leaf('name', jail.name),
    leaf('state', 'ACTIVE'),
    leaf('cpusetid', cpusetId(jail)),
  ];
  // Lists open with ", " and ": [" in libxo (fixture jls-v-libxo-json-zachfi.json); vnet jails have none.
  const ipv4 = addressList('ipv4_addrs', addressesOf(jail, 'ip4'));
  const ipv6 = addressList('ipv6_addrs', addressesOf(jail, 'ip6'));
  return `{${fields.join(',')}, ${ipv4}, ${ipv6}}`;
}

interface Options {
  json: boolean;
  verbose: boolean;
  quote: boolean;
  jail?: string;
  params: string[];
}

function readOptions(args: string[]): Options {
  const options: Options = { json: false, verbose: false, quote: false, params: [] };
  // xo_parse_args() takes the --libxo options out wherever they are.
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--libxo' || arg.startsWith('--libxo=') || arg.startsWith('--libxo:')) {
      const style = arg === '--libxo' ? args[++i] : arg.slice('--libxo='.length);
      if (style !== 'json') return unsupported('jls', `--libxo ${style ?? ''} (only json is modelled)`);
      options.json = true;
    } else rest.push(arg);
  }
  // main() in usr.sbin/jls/jls.c: getopt "adj:hNnqsv" (docs/freebsd/jail.md), of which these are modelled.
  const { options: letters, operands } = getopt('jls', rest, { known: 'vqj', withArgument: 'j' });
  for (const [letter, value] of letters) {
    if (letter === 'v') options.verbose = true;
    else if (letter === 'q') options.quote = true;
    else options.jail = value!;
  }
  options.params = operands;
  // "pflags &= ~PRINT_VERBOSE" when parameters are named.
  if (options.params.length) options.verbose = false;
  return options;
}

export function jls(args: string[], ctx: CommandContext): Output {
  return guard(() => {
    if (ctx.vnet !== HOST_VNET)
      return unsupported('jls', 'jls run inside a jail (names relative to it are not modelled)');
    const options = readOptions(args);
    for (const name of options.params) {
      if (Object.hasOwn(PARAMS, name)) continue;
      if (NOT_MODELLED.test(name)) return unsupported('jls', `parameter ${name}`);
      return fail('jls', `unknown parameter: ${name}`);
    }
    const header = options.json || options.params.length ? '' : options.verbose ? VERBOSE_HEADER : DEFAULT_HEADER;
    let jails = [...ctx.state.jails.values()].sort((a, b) => a.jid - b.jid);
    if (options.jail !== undefined) {
      // "jid = strtoul(optarg, &ep, 10); if (!jid || *ep) jname = optarg"
      const jid = /^[0-9]+$/.test(options.jail) ? Number(options.jail) : 0;
      try {
        jails = [jid ? getPrisonById(ctx.state, jid) : getPrisonByName(ctx.state, options.jail)];
      } catch (error) {
        if (!(error instanceof PrisonError)) throw error;
        if (options.json)
          return unsupported('jls', `-j of a missing jail with --libxo json (libxo's error output is not modelled)`);
        return { code: 1, stdout: header, stderr: `jls: ${error.errmsg}\n` };
      }
    }
    if (options.params.length) {
      if (options.json)
        return ok(
          `${ENVELOPE_OPEN}${jails.map((j) => jsonFields(ctx.state, j, options.params)).join(', ')}${ENVELOPE_CLOSE}`,
        );
      return ok(
        jails
          .map((j) => `${options.params.map((p) => textValue(ctx.state, j, p, options.quote)).join(' ')}\n`)
          .join(''),
      );
    }
    if (options.json) {
      const items = options.verbose
        ? jails.map(verboseJson)
        : jails.map(
            (j) =>
              `{${[
                leaf('jid', j.jid),
                leaf('ipv4', firstIpv4(j)),
                leaf('hostname', j.hostname),
                leaf('path', j.path),
              ].join(',')}}`,
          );
      return ok(`${ENVELOPE_OPEN}${items.join(', ')}${ENVELOPE_CLOSE}`);
    }
    return ok(header + jails.map(options.verbose ? verboseRow : defaultRow).join(''));
  });
}
