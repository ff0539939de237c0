import { problem, type ValidationContext } from './context';
import type { Problem } from './problem';

// Interface routes (route(8) `-iface`) and user interface groups (ifconfig(8) `group`).

/**
 * A group name as ifconfig's setifgroup() (sbin/ifconfig/ifgroup.c) and the kernel's if_addgroup()
 * (sys/net/if.c) take it: copied into ifgr_group[IFNAMSIZ], so at most IFNAMSIZ - 1 = 15 characters
 * ("group name too long"), and never ending in a digit ("group names may not end in a digit": such
 * names are interface names, pfi_kif_match() in pf_if.c reads them so). Spaces would split
 * `ifconfig_IF="... group NAME"` in rc.conf, so names are letters, digits, "_" and "-" too.
 */
const GROUP_NAME = /^[A-Za-z_-][A-Za-z0-9_-]{0,14}$/;

/** Every static route has exactly one of `gateway` and `interface`, and the interface is the stack's. */
export function interfaceRoutes(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const { stack, path } of ctx.stacks)
    stack.staticRoutes.forEach((route, i) => {
      const at = [...path, 'staticRoutes', i];
      if (route.gateway !== undefined && route.interface !== undefined)
        problems.push(
          problem(
            'error',
            'route.target',
            [...at, 'interface'],
            `Static route to ${route.destination} has both a gateway (${route.gateway}) and an interface (${route.interface}); route(8) takes one: remove "gateway" or "interface".`,
          ),
        );
      else if (route.gateway === undefined && route.interface === undefined)
        problems.push(
          problem(
            'error',
            'route.target',
            [...at, 'gateway'],
            `Static route to ${route.destination} has neither a "gateway" nor an "interface" (route add -iface); give it one.`,
          ),
        );
      else if (route.interface !== undefined && !stack.interfaces.some((f) => f.id === route.interface))
        problems.push(
          problem(
            'error',
            'route.interface.missing',
            [...at, 'interface'],
            `Static route to ${route.destination} goes through interface "${route.interface}", which is not an interface of this stack.`,
          ),
        );
    });
  return problems;
}

/** User interface group names FreeBSD accepts. */
export function interfaceGroups(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const { iface, path } of ctx.interfaces)
    iface.groups?.forEach((name, i) => {
      const at = [...path, 'groups', i];
      if (name.length > 15)
        problems.push(
          problem(
            'error',
            'interface.group.name',
            at,
            `Interface group "${name}" of ${iface.name} is ${name.length} characters; FreeBSD allows at most 15 (IFNAMSIZ).`,
          ),
        );
      else if (/[0-9]$/.test(name))
        problems.push(
          problem(
            'error',
            'interface.group.name',
            at,
            `Interface group "${name}" of ${iface.name} ends in a digit, which ifconfig refuses ("group names may not end in a digit").`,
          ),
        );
      else if (!GROUP_NAME.test(name))
        problems.push(
          problem(
            'error',
            'interface.group.name',
            at,
            `Interface group "${name}" of ${iface.name} must be 1-15 letters, digits, "_" or "-", not starting with a digit.`,
          ),
        );
    });
  return problems;
}
