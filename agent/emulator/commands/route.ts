import { containsAddress, formatIp, parseCidr, parseIp, type Family } from '../../../core/net/ip';
import { interfacesIn, type Route } from '../state';
import { abort, guard, ok, type Command, type CommandContext, type Output } from './output';

// route(8) add/delete (reference/freebsd.md §8). Success prints `add net default: gateway <gw>` and,
// for a network, `add net 192.0.2.0: gateway 192.0.2.1` (the prefix is not printed; fixtures).
// The failure lines below follow route.c's "writing to routing socket" pattern; their exact wording
// is not in the reference and is marked ours.

function describe(route: Pick<Route, 'family' | 'destination'>): string {
  return route.destination ? formatIp({ family: route.family, value: route.destination.value }) : 'default';
}

function sameDestination(a: Route, b: Pick<Route, 'family' | 'destination'>): boolean {
  return a.family === b.family && a.destination?.value === b.destination?.value && a.destination?.prefix === b.destination?.prefix;
}

function change(ctx: CommandContext, verb: 'add' | 'delete', family: Family, target: string, gatewayText: string | undefined): Output {
  const routes = ctx.state.vnets.get(ctx.vnet)!.routes;
  let destination: Route['destination'];
  if (target !== 'default') {
    const parsed = parseCidr(target.includes('/') ? target : `${target}/${family === 4 ? 32 : 128}`);
    if (!parsed.ok) return abort('route', `bad address: ${target}`);
    const mask = (1n << BigInt((family === 4 ? 32 : 128) - parsed.value.prefix)) - 1n;
    destination = { value: parsed.value.address & ~mask, prefix: parsed.value.prefix };
  }
  const wanted = { family, destination };
  const label = `${verb} net ${describe(wanted)}`;
  const existing = routes.find((r) => sameDestination(r, wanted));
  if (verb === 'delete') {
    if (!existing) return { code: 1, stdout: `${label}: not in table\n`, stderr: 'route: writing to routing socket: No such process\n' };
    routes.splice(routes.indexOf(existing), 1);
    return ok(`${label}: gateway ${formatIp({ family, value: existing.gateway })}\n`);
  }
  const gateway = gatewayText === undefined ? undefined : parseIp(gatewayText);
  if (!gateway?.ok || gateway.value.family !== family) return abort('route', `bad address: ${gatewayText ?? ''}`);
  if (existing) return { code: 1, stdout: `${label}: gateway ${gatewayText} fib 0: route already in table\n`, stderr: 'route: writing to routing socket: File exists\n' };
  const onLink = interfacesIn(ctx.state, ctx.vnet).some((i) =>
    i.addresses.some((a) => a.family === family && containsAddress({ family, address: a.value, prefix: a.prefix }, gateway.value)),
  );
  if (!onLink) return { code: 1, stdout: `${label}: gateway ${gatewayText} fib 0: Network is unreachable\n`, stderr: 'route: writing to routing socket: Network is unreachable\n' };
  routes.push({ family, destination, gateway: gateway.value.value });
  return ok(`${label}: gateway ${gatewayText}\n`);
}

export const route: Command = (args, ctx) =>
  guard(() => {
    const rest = args.filter((a) => a !== '-n' && a !== '-q');
    const verb = rest.shift();
    if (verb !== 'add' && verb !== 'delete') return abort('route', `unsupported usage: ${args.join(' ')}`);
    let family: Family = 4;
    while (rest[0]?.startsWith('-')) {
      const flag = rest.shift();
      if (flag === '-inet6' || flag === '-6') family = 6;
      else if (flag !== '-net' && flag !== '-inet' && flag !== '-4' && flag !== '-host') return abort('route', `unsupported option ${flag}`);
    }
    const [target, gateway] = rest;
    if (target === undefined) return abort('route', 'missing destination');
    return change(ctx, verb, family, target, gateway);
  });
