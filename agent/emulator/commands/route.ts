import { containsAddress, isLinkLocal, networkOf, parseIp, type Family, type IpAddress } from '../../../core/net/ip';
import { ERRNO } from '../errno';
import { findInterface, interfacesIn, type Ifnet, type Release, type KernelRoute } from '../state';
import { getopt } from './getopt';
import {
  abort,
  CommandFailure,
  guard,
  ok,
  unsupported,
  type Command,
  type CommandContext,
  type Output,
} from './output';

// route(8) add/delete (docs/freebsd/route-sysctl-netstat.md). The text route prints comes from
// newroute() and rtmsg() in sbin/route/route.c, read at a 13-era revision (it still has __FBSDID and
// the routing-socket rtmsg(); the search index did not show its commit):
// - success, on stdout: "<cmd> <net|host> <dest>" + ": gateway <gateway>" + "\n", with <dest> and
//   <gateway> as typed (getaddr() cuts an IPv4 destination at its "/", so "192.0.2.0/24" prints as
//   "192.0.2.0": fixtures/freebsd/route-add-net-12x-journal.txt). " fib N" only when net.fibs > 1.
// - failure, on stdout: the same words, then " fib <n>" and ": <why>" where why is "not in table"
//   (ESRCH), "route already in table" (EEXIST) or strerror(); exit status 1. rtmsg() first warns on
//   stderr: nothing for EEXIST, "route has not been found" for ESRCH, and
//   "writing to routing socket: <strerror>" otherwise.
// 14 and 15 send the request over netlink. route.c rtmsg() (read at fel1x-developer/freebsd-src
// 2d614aa2, a main revision after 14.0) then does `errno = rtmsg_nl(...); return (errno == 0 ? 0 :
// -1);` and prints nothing itself; newroute() prints the failure line as above, with " fib <n>"
// because fiboptlist_csv("default") puts the default FIB (0) in the list. What rtmsg_nl_int()
// (sbin/route/route_netlink.c) writes to stderr differs by revision:
// - freebsd/freebsd-src 11976198 (the older text, taken as 14): for add/change/delete it only
//   returns e.error from the kernel's reply: nothing on stderr.
// - fel1x-developer/freebsd-src 2d614aa2 (newer main): warnx("route has not been found") for ESRCH,
//   warnc(e.error, "message indicates error") otherwise. Which release carries this text was not
//   checked, so failures on 15 are refused.
// -q drops the stdout lines.

// route(8)'s command line as sbin/route/route.c reads it (13-era revision, see commands/route.ts):
// - main(): getopt(argc, argv, "46nqdtv"); the first word after the options is the command
//   (keyword(): add, delete/del, change, get/show, flush, monitor); anything else is
//   usage(word): warnx("bad keyword: %s") and errx(EX_USAGE, "usage: route [-46dnqtv] command
//   [[modifiers] args]"). EX_USAGE is 64.
// - newroute(): words starting with "-" are modifiers (-inet, -inet6, -4, -6, -net, -host, ...);
//   the first other word is the destination, the second the gateway, a third a netmask.
//   No destination: warnx("destination parameter required") and usage().
// - newroute(): `change` and `delete` take the same words as `add`; the printed line starts with the
//   command word as typed.
// - getaddr() for the destination: "default" is the network 0/0. IPv4 "a.b.c.d/len" is a network
//   of that length (inet_network() + inet_makenetandmask()), printed without "/len". A bare IPv4
//   address is a host unless -net came first or inet_lnaof() (the classful host part) is zero; then
//   it is a network whose length counts the trailing zero bytes. IPv6 "addr/len" is a network (the
//   "/len" stays in the printed text); a bare IPv6 address is a host, "::" the default network;
//   a length over 128 is errx(EX_USAGE, "%s: invalid prefixlen").
// The usage() text of 14 and 15 was not read, so their usage errors are refused.
//
// Interface routes (`-iface` / `-interface`, both K_IFACE/K_INTERFACE in newroute(), read at the 13-era
// revision and at fel1x-developer/freebsd-src 2d614aa2 alike): the modifier sets F_INTERFACE, and
// the gateway word is then an interface name: getaddr(RTAX_GATEWAY) looks it up among getifaddrs()'
// AF_LINK entries (the caller's vnet) and, if none has that name, errx(EX_DATAERR, "interface '%s'
// does not exist"); EX_DATAERR is 65. F_INTERFACE leaves RTF_GATEWAY out of the flags (RTF_STATIC |
// RTF_UP only: netstat -rn prints "US"), and the kernel stores the interface as the nexthop's
// gateway, a short sockaddr_dl with only the index (sys/net/route/nhop_ctl.c set_nhop_gw_from_info(),
// fill_sdl_from_ifp()), which netstat prints as "link#N" (netstat-format.ts). The modifier is read
// when the gateway word comes, so it must precede that word; after it the word was already taken as
// an address (a name lookup the emulator does not model): refused. The printed line is the same as
// for a gateway: "add net 10.9.0.0: gateway epair0b".

interface RouteRequest {
  command: 'add' | 'change' | 'delete' | 'del';
  family: Family;
  /** undefined: the default route. */
  destination: KernelRoute['destination'];
  host: boolean;
  destText: string;
  gateway?: Gateway;
  /** `-iface IF`: the interface the gateway word named. */
  iface?: { text: string; ifnet: Ifnet };
}

/** A gateway as typed (printed back) and as parsed (what the kernel is given). */
interface Gateway {
  text: string;
  ip: IpAddress;
}

const EX_USAGE = 64;
const EX_DATAERR = 65;
const USAGE = 'usage: route [-46dnqtv] command [[modifiers] args]';

function usage(release: Release, badKeyword?: string): never {
  if (release !== '13')
    unsupported(
      'route',
      `usage error${badKeyword ? ` (bad keyword: ${badKeyword})` : ''}: the usage text of ${release} was not read`,
    );
  const warning = badKeyword === undefined ? '' : `route: bad keyword: ${badKeyword}\n`;
  throw new CommandFailure({ code: EX_USAGE, stdout: '', stderr: `${warning}route: ${USAGE}\n` });
}

/** inet_lnaof(3): the host part of a classful IPv4 address (class A /8, B /16, otherwise /24). */
function classfulHostPart(value: bigint): bigint {
  const first = Number(value >> 24n);
  return value & (first < 128 ? 0xffffffn : first < 192 ? 0xffffn : 0xffn);
}

/** inet_makenetandmask() without an explicit length: 32 minus 8 per trailing zero byte. */
function lengthFromZeroBytes(value: bigint): number {
  let bytes = 0;
  while (bytes < 4 && ((value >> BigInt(bytes * 8)) & 0xffn) === 0n) bytes++;
  return 32 - bytes * 8;
}

/** Whether `value` has no bits set beyond its `prefix`. */
function hostBitsClear(family: Family, value: bigint, prefix: number): boolean {
  return networkOf({ family, address: value, prefix }) === value;
}

function ipv4Destination(
  text: string,
  forceNet: boolean,
  forceHost: boolean,
): Pick<RouteRequest, 'destination' | 'host' | 'destText'> {
  const [address = '', length] = text.split('/');
  const parsed = parseIp(address);
  // inet_network()/inet_aton() also take shortened and hex forms, and gethostbyname() names: not
  // modelled. parseIp() gives family 4 only for a dotted quad (four decimal numbers 0-255).
  if (!parsed.ok || parsed.value.family !== 4)
    unsupported('route', `destination "${text}" (only dotted-quad IPv4 is modelled)`);
  const value = parsed.value.value;
  if (length !== undefined) {
    if (!/^[0-9]+$/.test(length) || Number(length) > 32) unsupported('route', `prefix length "/${length}"`);
    const prefix = Number(length);
    // inet_makenetandmask(0, .., 0): net 0 with no bits is the default route, printed as typed.
    if (prefix === 0 && value === 0n) return { destination: undefined, host: false, destText: address };
    if (prefix === 0)
      unsupported('route', `"/0" after a non-zero network (inet_makenetandmask() then guesses a length)`);
    if (value >> 24n === 0n || !hostBitsClear(4, value, prefix))
      unsupported('route', `destination ${text} with bits set beyond its prefix`);
    if (prefix === 32)
      unsupported('route', 'a /32 network (how the kernel files a full-length netmask is not modelled)');
    return { destination: { value, prefix }, host: false, destText: address };
  }
  if (forceHost || (!forceNet && classfulHostPart(value) !== 0n))
    return { destination: { value, prefix: 32 }, host: true, destText: text };
  if (value === 0n) return { destination: undefined, host: false, destText: text };
  return { destination: { value, prefix: lengthFromZeroBytes(value) }, host: false, destText: text };
}

function ipv6Destination(
  text: string,
  forceNet: boolean,
  forceHost: boolean,
): Pick<RouteRequest, 'destination' | 'host' | 'destText'> {
  const [address = '', length] = text.split('/');
  const parsed = parseIp(address);
  // getaddrinfo() failures are worded by gai_strerror(), and scoped addresses need the interface: not modelled.
  if (!parsed.ok || parsed.value.family !== 6 || address.includes('%')) unsupported('route', `destination "${text}"`);
  const value = parsed.value.value;
  if (length === undefined) {
    if (value === 0n && !forceHost) return { destination: undefined, host: false, destText: text };
    if (forceNet) unsupported('route', '-net with an IPv6 destination without a length');
    return { destination: { value, prefix: 128 }, host: true, destText: text };
  }
  if (forceHost) unsupported('route', '-host with an IPv6 prefix');
  if (!/^[0-9]+$/.test(length)) unsupported('route', `prefix length "/${length}" (prefixlen() reads it with atoi())`);
  const prefix = Number(length);
  if (prefix > 128) abort('route', `${length}: invalid prefixlen`, EX_USAGE);
  if (prefix === 128)
    unsupported('route', 'a /128 network (how the kernel files a full-length netmask is not modelled)');
  if (!hostBitsClear(6, value, prefix)) unsupported('route', `destination ${text} with bits set beyond its prefix`);
  return { destination: prefix === 0 ? undefined : { value, prefix }, host: false, destText: text };
}

function gatewayOf(text: string, family: Family): Gateway {
  const parsed = parseIp(text);
  if (!parsed.ok || parsed.value.family !== family || text.includes('%'))
    unsupported(
      'route',
      `gateway "${text}" for ${family === 4 ? 'IPv4' : 'IPv6'} (name lookups and getaddrinfo() errors are not modelled)`,
    );
  // Without a %zone the kernel has no interface for a link-local gateway; its answer was not read.
  if (isLinkLocal(parsed.value))
    unsupported(
      'route',
      `link-local gateway "${text}" (with or without a %zone: how the kernel scopes it was not read)`,
    );
  return { text, ip: parsed.value };
}

function parseRouteArgs(ctx: CommandContext, args: string[]): { request: RouteRequest; quiet: boolean } {
  const release = ctx.state.release;
  let family: Family | undefined;
  let quiet = false;
  const { options, operands } = getopt('route', args, { known: '46qn', withArgument: '' });
  for (const [flag] of options) {
    if (flag === '4' || flag === '6') family = flag === '4' ? 4 : 6;
    else if (flag === 'q') quiet = true;
  }
  const [command, ...words] = operands;
  if (command === undefined) usage(release);
  if (command !== 'add' && command !== 'change' && command !== 'delete' && command !== 'del') {
    if (['get', 'show', 'flush', 'monitor'].includes(command)) unsupported('route', `route ${command}`);
    usage(release, command);
  }
  let forceNet = false;
  let forceHost = false;
  let viaInterface = false;
  const positional: string[] = [];
  for (const word of words) {
    if (word.startsWith('-')) {
      const key = word.slice(1);
      if (key === 'iface' || key === 'interface') {
        if (positional.length > 1) unsupported('route', `${word} after the gateway (it was read as an address)`);
        viaInterface = true;
        continue;
      }
      if (positional.length) unsupported('route', `modifier ${word} after the destination`);
      if (key === 'inet' || key === '4') family = 4;
      else if (key === 'inet6' || key === '6') family = 6;
      else if (key === 'net') forceNet = true;
      else if (key === 'host') forceHost = true;
      else unsupported('route', `modifier ${word}`);
      continue;
    }
    positional.push(word);
  }
  const [dest, gateway, extra] = positional;
  if (extra !== undefined) unsupported('route', 'a netmask word after the gateway');
  if (dest === undefined) {
    if (release !== '13') unsupported('route', 'a missing destination (usage text not read)');
    throw new CommandFailure({
      code: EX_USAGE,
      stdout: '',
      stderr: `route: destination parameter required\nroute: ${USAGE}\n`,
    });
  }
  // getaddr(): without -inet6/-6 the family is AF_INET.
  const af: Family = family ?? 4;
  const where =
    dest === 'default'
      ? { destination: undefined, host: false, destText: dest }
      : af === 4
        ? ipv4Destination(dest, forceNet, forceHost)
        : ipv6Destination(dest, forceNet, forceHost);
  if (viaInterface && where.host) unsupported('route', 'a host route with -iface (netstat here lists no host routes)');
  const request: RouteRequest = {
    command,
    family: af,
    ...where,
    ...(gateway === undefined
      ? {}
      : viaInterface
        ? { iface: interfaceOf(ctx, gateway) }
        : { gateway: gatewayOf(gateway, af) }),
  };
  return { request, quiet };
}

/** getaddr(RTAX_GATEWAY) with F_INTERFACE: the interface of that name in the caller's vnet. */
function interfaceOf(ctx: CommandContext, name: string): { text: string; ifnet: Ifnet } {
  const ifnet = findInterface(ctx.state, ctx.vnet, name);
  if (!ifnet) abort('route', `interface '${name}' does not exist`, EX_DATAERR);
  return { text: name, ifnet };
}

function describe(request: RouteRequest): string {
  const gateway = request.gateway?.text ?? request.iface?.text;
  return `${request.command} ${request.host ? 'host' : 'net'} ${request.destText}${gateway ? `: gateway ${gateway}` : ''}`;
}

function sameDestination(a: KernelRoute, family: Family, destination: KernelRoute['destination']): boolean {
  return (
    a.family === family && a.destination?.value === destination?.value && a.destination?.prefix === destination?.prefix
  );
}

/** The failure as route prints it: the words on stdout, rtmsg()'s warning on stderr, exit 1. */
function failure(
  ctx: CommandContext,
  request: RouteRequest,
  errno: 'EEXIST' | 'ESRCH' | 'ENETUNREACH',
  quiet: boolean,
): never {
  if (ctx.state.release === '15')
    unsupported(
      'route',
      `what route prints for ${errno} on 15 (route_netlink.c rtmsg_nl_int() warns on stderr at a newer revision than 14's; which one 15 ships was not checked)`,
    );
  const why = errno === 'EEXIST' ? 'route already in table' : errno === 'ESRCH' ? 'not in table' : ERRNO[errno];
  // 13: rtmsg() over the routing socket warns first; 14: rtmsg_nl_int() at 11976198 is silent.
  const routingSocket =
    errno === 'EEXIST'
      ? ''
      : errno === 'ESRCH'
        ? 'route: route has not been found\n'
        : `route: writing to routing socket: ${ERRNO[errno]}\n`;
  const warning = ctx.state.release === '13' ? routingSocket : '';
  throw new CommandFailure({ code: 1, stdout: quiet ? '' : `${describe(request)} fib 0: ${why}\n`, stderr: warning });
}

function onLink(ctx: CommandContext, family: Family, gateway: bigint): boolean {
  // containsAddress() is false across families.
  return interfacesIn(ctx.state, ctx.vnet).some((i) =>
    i.addresses.some((a) =>
      containsAddress({ family: a.family, address: a.value, prefix: a.prefix }, { family, value: gateway }),
    ),
  );
}

function apply(ctx: CommandContext, request: RouteRequest, quiet: boolean): Output {
  const routes = ctx.state.vnets.get(ctx.vnet)!.routes;
  const existing = routes.find((r) => sameDestination(r, request.family, request.destination));
  const gateway = request.gateway?.ip;
  if (request.command === 'delete' || request.command === 'del') {
    if (!existing) failure(ctx, request, 'ESRCH', quiet);
    // With a gateway the kernel deletes only a route through it; a mismatch is not modelled.
    if (gateway && gateway.value !== existing.gateway)
      unsupported('route', 'delete with a gateway the route does not use');
    if (request.iface && request.iface.ifnet.index !== existing.ifnet)
      unsupported('route', 'delete with -iface naming an interface the route does not use');
    routes.splice(routes.indexOf(existing), 1);
    return ok(quiet ? '' : `${describe(request)}\n`);
  }
  if (request.iface) return addInterfaceRoute(ctx, request, request.iface.ifnet, existing, quiet);
  if (!gateway) return unsupported('route', `${request.command} without a numeric gateway`);
  if (request.command === 'change') {
    // RTM_CHANGE on a route that is not there: ESRCH.
    if (!existing) failure(ctx, request, 'ESRCH', quiet);
    if (!onLink(ctx, request.family, gateway.value)) failure(ctx, request, 'ENETUNREACH', quiet);
    routes[routes.indexOf(existing)] = {
      family: existing.family,
      ...(existing.destination ? { destination: existing.destination } : {}),
      gateway: gateway.value,
    };
    return ok(quiet ? '' : `${describe(request)}\n`);
  }
  if (existing && existing.gateway !== gateway.value)
    unsupported('route', 'a second route to the same destination (multipath) is not modelled');
  if (existing) failure(ctx, request, 'EEXIST', quiet);
  // The kernel finds the interface for the gateway among the connected networks (ENETUNREACH if none).
  if (!onLink(ctx, request.family, gateway.value)) failure(ctx, request, 'ENETUNREACH', quiet);
  routes.push({
    family: request.family,
    ...(request.destination ? { destination: request.destination } : {}),
    gateway: gateway.value,
  });
  return ok(quiet ? '' : `${describe(request)}\n`);
}

/**
 * `add -iface IF` (and `change`, which only swaps the nexthop of a route that is there). The same
 * destination through the same interface again is EEXIST, as for a gateway route; through another
 * interface or a gateway it would be a second path (multipath): refused. Whether the kernel wants
 * the interface up or addressed was not read (ifa_ifwithroute() falls back to the link address, so
 * it seems not): not checked.
 */
function addInterfaceRoute(
  ctx: CommandContext,
  request: RouteRequest,
  ifnet: Ifnet,
  existing: KernelRoute | undefined,
  quiet: boolean,
): Output {
  if (request.command === 'change') {
    if (!existing) failure(ctx, request, 'ESRCH', quiet);
    const routes = ctx.state.vnets.get(ctx.vnet)!.routes;
    routes[routes.indexOf(existing)] = {
      family: existing.family,
      ...(existing.destination ? { destination: existing.destination } : {}),
      ifnet: ifnet.index,
    };
    return ok(quiet ? '' : `${describe(request)}\n`);
  }
  if (existing && existing.ifnet === ifnet.index) failure(ctx, request, 'EEXIST', quiet);
  if (existing) unsupported('route', 'a second route to the same destination (multipath) is not modelled');
  ctx.state.vnets.get(ctx.vnet)!.routes.push({
    family: request.family,
    ...(request.destination ? { destination: request.destination } : {}),
    ifnet: ifnet.index,
  });
  return ok(quiet ? '' : `${describe(request)}\n`);
}

export const route: Command = (args, ctx) =>
  guard(() => {
    const { request, quiet } = parseRouteArgs(ctx, args);
    return apply(ctx, request, quiet);
  });
