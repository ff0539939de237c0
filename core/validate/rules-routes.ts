import { containsAddress, isLinkLocal, parseCidr, parseIp, type Family, type IpAddress } from '../net/ip';
import type { Stack } from '../topology/schema';
import { interfaceAddresses, type LocatedAddress } from './addresses';
import { problem, stackLabel, type ValidationContext, type LocatedStack } from './context';
import { layer2Domains } from './l2-domains';
import type { PathSegment, Problem } from './problem';

interface Gateway {
  stack: LocatedStack;
  ip: IpAddress;
  text: string;
  path: PathSegment[];
}

function gatewaysOf(located: LocatedStack, problems: Problem[]): Gateway[] {
  const { stack, path } = located;
  const written: { text: string; path: PathSegment[]; family?: Family }[] = [];
  if (stack.defaultGateway.ipv4 !== undefined)
    written.push({ text: stack.defaultGateway.ipv4, path: [...path, 'defaultGateway', 'ipv4'], family: 4 });
  if (stack.defaultGateway.ipv6 !== undefined)
    written.push({ text: stack.defaultGateway.ipv6, path: [...path, 'defaultGateway', 'ipv6'], family: 6 });
  stack.staticRoutes.forEach((route, i) => {
    const destination = parseCidr(route.destination);
    const routePath = [...path, 'staticRoutes', i];
    if (!destination.ok) {
      problems.push(
        problem(
          'error',
          'route.destination.syntax',
          [...routePath, 'destination'],
          `Static route destination: ${destination.reason}.`,
        ),
      );
      return;
    }
    // An interface route has no gateway to check (rule route.target checks the interface).
    if (route.gateway !== undefined)
      written.push({ text: route.gateway, path: [...routePath, 'gateway'], family: destination.value.family });
  });
  return written.flatMap(({ text, path: at, family }) => {
    const ip = parseIp(text);
    if (!ip.ok) {
      problems.push(problem('error', 'route.gateway.syntax', at, `Gateway: ${ip.reason}.`));
      return [];
    }
    if (family !== undefined && ip.value.family !== family) {
      problems.push(
        problem(
          'error',
          'route.gateway.family',
          at,
          `Gateway ${text} is IPv${ip.value.family} but the route is IPv${family}.`,
        ),
      );
      return [];
    }
    return [{ stack: located, ip: ip.value, text, path: at }];
  });
}

/** The address of `stack` through which `ip` is reached directly, if any. */
function onLinkVia(stack: Stack, ip: IpAddress, addresses: LocatedAddress[]): LocatedAddress | 'zone' | undefined {
  if (isLinkLocal(ip)) {
    // A link-local gateway is on-link on the interface its zone names (`fe80::1%bridge0`).
    return ip.zone !== undefined && stack.interfaces.some((i) => i.name === ip.zone) ? 'zone' : undefined;
  }
  return addresses.find((a) => a.owner.stack.id === stack.id && containsAddress(a.cidr, ip));
}

/**
 * Default and static gateways are well-formed and on-link; the stack that owns a gateway address
 * forwards that family; and an internal network's gateway is somebody in the design.
 */
export function routes(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const addresses = interfaceAddresses(ctx);
  const domainOf = layer2Domains(ctx);
  // Behind a physical NIC lies a network the design may not describe: any gateway may live there.
  const externalDomains = new Set([
    ...ctx.segments.flatMap(({ segment }) => (segment.kind === 'lan' ? [domainOf(segment.id)] : [])),
    ...ctx.interfaces.flatMap(({ iface }) => (iface.kind === 'physical' ? [domainOf(iface.id)] : [])),
  ]);
  const warnedForwarding = new Set<string>();
  for (const located of ctx.stacks) {
    for (const gateway of gatewaysOf(located, problems)) {
      const { stack } = located;
      const own = addresses.find(
        (a) =>
          a.owner.stack.id === stack.id && a.cidr.family === gateway.ip.family && a.cidr.address === gateway.ip.value,
      );
      if (own) {
        problems.push(
          problem(
            'error',
            'route.gateway.self',
            gateway.path,
            `${gateway.text} is an address of ${stackLabel(stack)} itself (${own.owner.iface.name}); the gateway must be another machine or stack.`,
          ),
        );
        continue;
      }
      const via = onLinkVia(stack, gateway.ip, addresses);
      if (via === undefined) {
        const hint = isLinkLocal(gateway.ip)
          ? ' A link-local gateway needs its interface, like fe80::1%bridge0.'
          : ' Add an address in its subnet to one of its interfaces, or pick a gateway in a connected subnet.';
        problems.push(
          problem(
            'error',
            'route.gateway.offlink',
            gateway.path,
            `Gateway ${gateway.text} of ${stackLabel(stack)} is not on any subnet it is connected to.${hint}`,
          ),
        );
        continue;
      }
      if (via === 'zone') continue;
      const domain = domainOf(via.owner.iface.id);
      const router = addresses.find(
        (a) =>
          a.owner.stack.id !== stack.id &&
          domainOf(a.owner.iface.id) === domain &&
          a.cidr.family === gateway.ip.family &&
          a.cidr.address === gateway.ip.value,
      );
      if (!router) {
        if (!externalDomains.has(domain)) {
          problems.push(
            problem(
              'warning',
              'route.gateway.nobody',
              gateway.path,
              `No stack on ${via.owner.iface.name}'s network has address ${gateway.text}, so ${stackLabel(stack)} has no working gateway there.`,
            ),
          );
        }
        continue;
      }
      const family = gateway.ip.family === 4 ? 'ipv4' : 'ipv6';
      const routerStack = router.owner.stack;
      const key = `${routerStack.id}|${family}`;
      if (!routerStack.forwarding[family] && !warnedForwarding.has(key)) {
        warnedForwarding.add(key);
        const routerPath = ctx.stackById.get(routerStack.id)!.path;
        const sysctl = family === 'ipv4' ? 'net.inet.ip.forwarding' : 'net.inet6.ip6.forwarding';
        problems.push(
          problem(
            'warning',
            'stack.forwarding.off',
            [...routerPath, 'forwarding', family],
            `${stackLabel(routerStack)} is the gateway of ${stackLabel(stack)} (${gateway.text}) but does not forward ${family === 'ipv4' ? 'IPv4' : 'IPv6'}; turn on forwarding (${sysctl}=1) or traffic stops there.`,
          ),
        );
      }
    }
  }
  return problems;
}
