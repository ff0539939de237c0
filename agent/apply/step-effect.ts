import { formatCidr, formatIp, parseCidr, parseIp } from '../../core/net/ip';
import { canonicalAddresses } from '../../core/plan/indexed';
import type { PlanCommand, PlanStep } from '../../core/plan/types';
import { sameRuleMeaning } from '../../core/pf/rule-meaning';
import { DEFAULT_MTU } from '../../core/topology/defaults';
import { readDescription } from '../../core/topology/ownership';
import type { HostProbe, ProbedInterface } from './host-probe';
import { substitute } from './apply-plan';

// Whether the host, as read now, still shows what a completed step did. Recovery runs a step's
// inverse only then: after a crash the host may have restarted, been changed by hand, or never got
// the step at all, and an inverse run blindly on such a host fails, or worse, undoes someone
// else's object. Each command form the planner writes has its effect spelt out here; a form not
// listed is "unknown", and recovery reports it instead of guessing. Each question is asked of the
// host afresh (host-probe.ts), so the answer reflects every inverse run before it.

export type StepEffect = { state: 'shown' } | { state: 'absent' } | { state: 'unknown'; why: string };

const SHOWN: StepEffect = { state: 'shown' };
const ABSENT: StepEffect = { state: 'absent' };
const shownIf = (condition: boolean): StepEffect => (condition ? SHOWN : ABSENT);
const unknown = (why: string): StepEffect => ({ state: 'unknown', why });

// The placeholder forms substitute() fills in; one left over had no journalled name.
const PLACEHOLDER = /^(vnet\.interface=)?\{[a-z0-9]+(:b)?\}$/;

export async function stepEffect(
  step: PlanStep,
  bindings: Record<string, string>,
  host: HostProbe,
): Promise<StepEffect> {
  const command = step.command;
  const argv = substitute(command.argv, bindings);
  if (argv.some((word) => PLACEHOLDER.test(word)))
    return unknown('it names an interface by a name the kernel printed, and that name was not journalled');
  const stack = command.jail ?? '';
  switch (argv[0]) {
    case 'ifconfig':
      return ifconfigEffect(command, argv, stack, bindings, host);
    case 'jail':
      return jailEffect(argv, host);
    case 'route':
      return routeEffect(argv, stack, host);
    case 'sysctl':
      return sysctlEffect(argv, stack, host);
    case 'pfctl':
      return pfEffect(command, argv, host);
    default:
      return unknown(`recovery does not know how to read the effect of ${argv[0]}`);
  }
}

async function ifconfigEffect(
  command: PlanCommand,
  argv: string[],
  stack: string,
  bindings: Record<string, string>,
  host: HostProbe,
): Promise<StepEffect> {
  const [, name = '', ...words] = argv;
  const has = async (where: string, which: string) => (await host.iface(where, which)) !== undefined;
  const stackThere = async (where: string) => where === '' || (await host.jail(where)) !== undefined;
  if (words[0] === 'create') {
    const made = command.captures ? bindings[command.captures] : name;
    if (!made) return unknown('the name the kernel gave the new interface was not journalled');
    const probed = await host.iface(stack, made);
    // A description given at creation (Patchbay's mark) tells ours from a namesake someone else made.
    const described = words.indexOf('description');
    if (!probed || described < 0) return shownIf(probed !== undefined);
    return settingsEffect(words.slice(described, described + 2), probed);
  }
  if (words.length === 1 && words[0] === 'destroy')
    return shownIf((await stackThere(stack)) && !(await has(stack, name)));
  if (words.length === 2 && words[0] === 'vnet') return shownIf(await has(words[1]!, name));
  if (words.length === 2 && words[0] === '-vnet')
    return shownIf((await has('', name)) && !(await has(words[1]!, name)));
  // `… name Y` last: the inverse only renames back (the settings before it were given to an
  // interface just moved into a jail, which the move back clears), so the new name is the effect.
  if (words.length >= 2 && words.at(-2) === 'name') {
    const renamed = words.at(-1)!;
    if (renamed === name) return ABSENT;
    return shownIf((await has(stack, renamed)) && !(await has(stack, name)));
  }
  const probed = await host.iface(stack, name);
  if (!probed) return ABSENT;
  return settingsEffect(words, probed);
}

/**
 * An address, MAC or membership change is judged by that change alone (the mtu, description and
 * up/down riding on the same call change with it); a call of only those plain settings by all of them.
 */
function settingsEffect(words: string[], { iface, owned, members }: ProbedInterface): StepEffect {
  const main: boolean[] = [];
  const plain: boolean[] = [];
  for (let i = 0; i < words.length;) {
    const word = words[i]!;
    const next = words[i + 1];
    if (
      (word === 'inet' || word === 'inet6') &&
      next !== undefined &&
      (words[i + 2] === 'alias' || words[i + 2] === '-alias')
    ) {
      main.push(canonicalAddresses(iface).includes(canonicalCidr(next)) === (words[i + 2] === 'alias'));
      i += 3;
    } else if (word === 'ether' && next !== undefined) {
      main.push(iface.mac?.toLowerCase() === next.toLowerCase());
      i += 2;
    } else if ((word === 'addm' || word === 'deletem') && next !== undefined) {
      main.push(members.includes(next) === (word === 'addm'));
      i += 2;
    } else if (word === 'mtu' && next !== undefined) {
      plain.push((iface.mtu ?? DEFAULT_MTU[iface.kind]) === Number(next));
      i += 2;
    } else if (word === 'description' && next !== undefined) {
      const wanted = readDescription(next);
      plain.push(wanted.owned === owned && wanted.description === iface.description);
      i += 2;
    } else if (word === '-description') {
      plain.push(!owned && iface.description === undefined);
      i += 1;
    } else if ((word === 'group' || word === '-group') && next !== undefined) {
      plain.push((iface.groups ?? []).includes(next) === (word === 'group'));
      i += 2;
    } else if (word === 'up' || word === 'down') {
      plain.push(iface.up === (word === 'up'));
      i += 1;
    } else return unknown(`recovery does not know how to read the effect of "ifconfig … ${word}"`);
  }
  const judged = main.length ? main : plain;
  if (judged.length === 0) return unknown('the command changes nothing recovery can read');
  return shownIf(judged.every(Boolean));
}

async function jailEffect(argv: string[], host: HostProbe): Promise<StepEffect> {
  const [, flag, first, second] = argv;
  const path = first?.replace(/^name=/, '') ?? '';
  const jail = await host.jail(path);
  if (flag === '-c') return shownIf(jail !== undefined);
  if (flag === '-r' || flag === '-R') return shownIf(jail === undefined);
  const childrenMax = /^children\.max=([0-9]+)$/.exec(second ?? '')?.[1];
  if (flag === '-m' && childrenMax !== undefined) return shownIf(jail?.childrenMax === Number(childrenMax));
  return unknown(`recovery does not know how to read the effect of "jail ${flag}"`);
}

function canonicalCidr(text: string): string {
  const parsed = parseCidr(text);
  return parsed.ok ? formatCidr(parsed.value) : text;
}

function canonicalIp(text: string): string {
  const parsed = parseIp(text);
  return parsed.ok ? formatIp(parsed.value) : text;
}

/**
 * `route add [-inet6] DEST GW`, `route add [-inet6] DEST -iface IF` / `route delete [-inet6] DEST` in
 * a stack, against its read routes.
 */
async function routeEffect(argv: string[], stack: string, host: HostProbe): Promise<StepEffect> {
  const [, verb, ...rest] = argv;
  const inet6 = rest[0] === '-inet6';
  const [destination, gateway, ifname] = inet6 ? rest.slice(1) : rest;
  const read = await host.routes(stack);
  if (!read || destination === undefined) return ABSENT;
  const isDefault = destination === 'default';
  const route = isDefault
    ? undefined
    : read.staticRoutes.find(
        (r) => canonicalCidr(r.destination) === canonicalCidr(destination) && r.destination.includes(':') === inet6,
      );
  const via = isDefault ? read.defaultGateway[inet6 ? 'ipv6' : 'ipv4'] : route?.gateway;
  if (verb === 'add' && gateway === '-iface' && ifname !== undefined) return shownIf(route?.interface === ifname);
  if (verb === 'add' && gateway !== undefined)
    return shownIf(via !== undefined && canonicalIp(via) === canonicalIp(gateway));
  // Gone: no default gateway, or no route of any kind (an interface route has no gateway).
  if (verb === 'delete') return shownIf(isDefault ? via === undefined : route === undefined);
  return unknown(`recovery does not know how to read the effect of "route ${verb}"`);
}

const FORWARDING: Record<string, 'ipv4' | 'ipv6'> = {
  'net.inet.ip.forwarding': 'ipv4',
  'net.inet6.ip6.forwarding': 'ipv6',
};

async function sysctlEffect(argv: string[], stack: string, host: HostProbe): Promise<StepEffect> {
  const [name = '', value] = (argv[1] ?? '').split('=');
  const family = FORWARDING[name];
  if (!family || value === undefined) return unknown(`recovery does not know how to read sysctl ${name}`);
  const read = await host.routes(stack);
  return shownIf(read !== undefined && read.forwarding[family] === (value === '1'));
}

/** `pfctl -a NAME -f -` (its rules, compared by meaning as pfctl prints them) or `pfctl -a NAME -F all`. */
async function pfEffect(command: PlanCommand, argv: string[], host: HostProbe): Promise<StepEffect> {
  const [, a, name, flag, what] = argv;
  if (a !== '-a' || name === undefined) return unknown('recovery does not know how to read this pfctl call');
  const anchor = await host.anchor(name);
  const printed = [...anchor.nat, ...anchor.rules];
  if (flag === '-F' && what === 'all') return shownIf(printed.length === 0);
  if (flag !== '-f' || what !== '-') return unknown('recovery does not know how to read this pfctl call');
  const written = (command.stdin ?? '').split('\n').filter(Boolean);
  const nat = (line: string) => /^(nat|rdr|binat)\b/.test(line);
  const same = (w: string[], p: string[]) =>
    w.length === p.length && w.every((rule, i) => sameRuleMeaning(rule, p[i]!));
  return shownIf(
    same(written.filter(nat), printed.filter(nat)) &&
      same(
        written.filter((l) => !nat(l)),
        printed.filter((l) => !nat(l)),
      ),
  );
}
