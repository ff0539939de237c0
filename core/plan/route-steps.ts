import { formatCidr, formatIp, parseCidr, parseIp } from '../net/ip';
import type { Stack } from '../topology/schema';
import type { Guard } from './guards';
import type { PlanStep } from './types';

// Routes and forwarding of one stack: `route add/delete` (docs/freebsd.md §8) and `sysctl net.inet.ip.forwarding`.
// A host's default route is part of the uplink the guard protects.

interface RouteText {
  family: 4 | 6;
  destination: string;
  gateway: string;
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
    // An interface route has no steps yet: plan() refuses any change to one (notAppliedRefusals).
    if (!cidr.ok || route.gateway === undefined) continue;
    const destination = formatCidr(cidr.value);
    routes.set(`${destination}/${cidr.value.family}`, {
      family: cidr.value.family,
      destination,
      gateway: canonicalIp(route.gateway),
    });
  }
  return routes;
}

function routeArgv(verb: 'add' | 'delete', route: RouteText): string[] {
  return [
    'route',
    verb,
    ...(route.family === 6 ? ['-inet6'] : []),
    route.destination,
    ...(verb === 'add' ? [route.gateway] : []),
  ];
}

const SYSCTLS = { ipv4: 'net.inet.ip.forwarding', ipv6: 'net.inet6.ip6.forwarding' } as const;

/**
 * Steps for the routes and forwarding of one stack, `actual` absent for a jail about to be made.
 * For a jail about to be removed, `teardown` puts every step before the removal, so that a
 * revert restores routes only once the jail and its interfaces are back.
 */
export function stackSteps(
  stackKey: string,
  actual: Stack | undefined,
  desired: Stack,
  guard: Guard,
  teardown = false,
): PlanStep[] {
  const where = stackKey === '' ? {} : { jail: stackKey };
  const label = stackKey === '' ? 'the host' : `jail ${stackKey}`;
  const steps: PlanStep[] = [];
  const have = routesOf(actual);
  const want = routesOf(desired);
  const changed = [...new Set([...have.keys(), ...want.keys()])].filter(
    (key) => have.get(key)?.gateway !== want.get(key)?.gateway,
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
      if (want.get(key)?.gateway === route.gateway) continue;
      steps.push({
        phase: 'route-remove',
        summary: `Remove route ${route.destination} via ${route.gateway} in ${label}`,
        command: { argv: routeArgv('delete', route), ...where },
        inverse: [{ argv: routeArgv('add', route), ...where }],
      });
    }
    for (const [key, route] of want) {
      if (have.get(key)?.gateway === route.gateway) continue;
      steps.push({
        phase: teardown ? 'route-remove' : 'route-add',
        summary: `Route ${route.destination} via ${route.gateway} in ${label}`,
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
