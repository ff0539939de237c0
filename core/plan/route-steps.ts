import { formatCidr, formatIp, parseCidr, parseIp } from '../net/ip';
import type { Stack } from '../topology/schema';
import type { Guard } from './guards';
import type { PlanStep } from './types';

// Routes and forwarding of one stack: `route add/delete` (docs/freebsd.md §8) and `sysctl net.inet.ip.forwarding`.
// A host's default route is part of the uplink the guard protects.
//
// An interface route is `route add [-inet6] DEST -iface IF` (sbin/route/route.c newroute(): `-iface`
// makes the next word an interface name, so it must come before that word). Routes are compared by
// destination and by what they go through, a gateway address or an interface name (the kernel's
// names, never design ids), so a gateway route replaced by an interface route to the same
// destination is a delete then an add, each undone by its opposite. The route-add phase runs after
// interfaces are created, moved in, configured and bridged, and route-remove before any of them is
// taken away (types.ts PHASES), so the interface a route names exists, and is up if the design says so.

interface RouteText {
  family: 4 | 6;
  destination: string;
  /** The gateway address, canonical; absent for an interface route. */
  gateway?: string;
  /** The interface of an interface route, by name. */
  iface?: string;
  /**
   * The plan destroys and makes again the interface this actual route goes through: the kernel drops
   * the route with the old interface (if_detach_internal() flushes its routes), so the design's route
   * must be added again even though it reads the same.
   */
  remade?: boolean;
}

/** What a route goes through, as compared and as shown: "192.0.2.1" or "-iface epair0b". */
function via(route: RouteText | undefined): string | undefined {
  if (!route) return undefined;
  return route.iface !== undefined ? `-iface ${route.iface}${route.remade ? ' (remade)' : ''}` : route.gateway;
}

function canonicalIp(text: string): string {
  const parsed = parseIp(text);
  return parsed.ok ? formatIp(parsed.value) : text;
}

function routesOf(stack: Stack | undefined): Map<string, RouteText> {
  const routes = new Map<string, RouteText>();
  if (!stack) return routes;
  if (stack.defaultGateway.ipv4)
    routes.set('default/4', { family: 4, destination: 'default', gateway: canonicalIp(stack.defaultGateway.ipv4) });
  if (stack.defaultGateway.ipv6)
    routes.set('default/6', { family: 6, destination: 'default', gateway: canonicalIp(stack.defaultGateway.ipv6) });
  for (const route of stack.staticRoutes) {
    const cidr = parseCidr(route.destination);
    if (!cidr.ok) continue;
    const destination = formatCidr(cidr.value);
    const target =
      route.gateway !== undefined
        ? { gateway: canonicalIp(route.gateway) }
        : { iface: stack.interfaces.find((i) => i.id === route.interface)?.name ?? String(route.interface) };
    routes.set(`${destination}/${cidr.value.family}`, { family: cidr.value.family, destination, ...target });
  }
  return routes;
}

function routeArgv(verb: 'add' | 'delete', route: RouteText): string[] {
  return [
    'route',
    verb,
    ...(route.family === 6 ? ['-inet6'] : []),
    route.destination,
    ...(verb !== 'add' ? [] : route.iface !== undefined ? ['-iface', route.iface] : [route.gateway!]),
  ];
}

function routeWords(route: RouteText): string {
  return route.iface !== undefined ? `through interface ${route.iface}` : `via ${route.gateway}`;
}

const SYSCTLS = { ipv4: 'net.inet.ip.forwarding', ipv6: 'net.inet6.ip6.forwarding' } as const;

/**
 * Steps for the routes and forwarding of one stack, `actual` absent for a jail about to be made.
 * For a jail about to be removed, `teardown` puts every step before the removal, so that a
 * revert restores routes only once the jail and its interfaces are back. `remade`: names of this
 * stack's interfaces the plan destroys and creates again.
 */
export function stackSteps(
  stackKey: string,
  actual: Stack | undefined,
  desired: Stack,
  guard: Guard,
  teardown = false,
  remade: ReadonlySet<string> = new Set(),
): PlanStep[] {
  const where = stackKey === '' ? {} : { jail: stackKey };
  const label = stackKey === '' ? 'the host' : `jail ${stackKey}`;
  const steps: PlanStep[] = [];
  const have = routesOf(actual);
  for (const route of have.values()) if (route.iface !== undefined && remade.has(route.iface)) route.remade = true;
  const want = routesOf(desired);
  const changed = [...new Set([...have.keys(), ...want.keys()])].filter(
    (key) => via(have.get(key)) !== via(want.get(key)),
  );
  const forwardingChanged = (['ipv4', 'ipv6'] as const).some(
    (f) => (actual?.forwarding[f] ?? false) !== desired.forwarding[f],
  );
  // Any host route can carry the admin's way in (a default, a management network, a /1 pair that
  // overrides the default); the host's routes change only with the explicit override.
  if (stackKey === '' && changed.length && !guard.allowsUplinkChanges()) {
    guard.refuse({
      subject: 'host routes',
      reason: `Changing the host's routes (${changed.map((k) => k.split('/')[0]).join(', ')}) can cut the host off its network; Patchbay will not do it without an explicit override.`,
      override: 'allowUplinkChanges',
    });
    return [];
  }
  // A jail Patchbay did not make keeps its routes and forwarding unless adopted.
  if (stackKey !== '' && actual && !guard.ownsJail(stackKey) && (changed.length || forwardingChanged)) {
    guard.refuse({
      subject: `jail ${stackKey}`,
      reason: `Jail ${stackKey} was not made by Patchbay; adopt it before Patchbay may change its routes or forwarding.`,
      override: 'adopt',
    });
    return [];
  }
  {
    for (const [key, route] of have) {
      if (via(want.get(key)) === via(route)) continue;
      steps.push({
        phase: 'route-remove',
        summary: `Remove route ${route.destination} ${routeWords(route)} in ${label}`,
        command: { argv: routeArgv('delete', route), ...where },
        inverse: [{ argv: routeArgv('add', route), ...where }],
      });
    }
    for (const [key, route] of want) {
      if (via(have.get(key)) === via(route)) continue;
      steps.push({
        phase: teardown ? 'route-remove' : 'route-add',
        summary: `Route ${route.destination} ${routeWords(route)} in ${label}`,
        command: { argv: routeArgv('add', route), ...where },
        inverse: [{ argv: routeArgv('delete', route), ...where }],
      });
    }
  }
  for (const family of ['ipv4', 'ipv6'] as const) {
    const before = actual?.forwarding[family] ?? false;
    const after = desired.forwarding[family];
    if (before === after) continue;
    steps.push({
      phase: teardown ? 'route-remove' : 'sysctl',
      summary: `${after ? 'Turn on' : 'Turn off'} ${family === 'ipv4' ? 'IPv4' : 'IPv6'} forwarding in ${label}`,
      command: { argv: ['sysctl', `${SYSCTLS[family]}=${after ? 1 : 0}`], ...where },
      inverse: [{ argv: ['sysctl', `${SYSCTLS[family]}=${before ? 1 : 0}`], ...where }],
    });
  }
  return steps;
}
