import { formatCidr } from '../net/ip';
import type { JailStack } from '../topology/schema';
import {
  SHARED_IP_FAMILIES,
  interfaceHasAddress,
  isSharedIpJail,
  jailAddresses,
  networkStackOf,
  parseJailAddress,
  type PlacedJailAddress,
  type SharedIpJail,
} from '../topology/shared-ip';
import { problem, stackLabel, type LocatedStack, type ValidationContext } from './context';
import type { PathSegment, Problem } from './problem';

// Shared-IP (non-vnet) jails: core/topology/shared-ip.ts says what they mean, with jail(8)'s sources.

type LocatedSharedJail = LocatedStack & { stack: SharedIpJail };

/** Fields of a stack that a shared-IP jail cannot have: its network is its parent's. */
const OWN_NETWORK: readonly { field: keyof JailStack; has: (jail: JailStack) => boolean; what: string }[] = [
  { field: 'interfaces', has: (j) => j.interfaces.length > 0, what: 'interfaces' },
  { field: 'staticRoutes', has: (j) => j.staticRoutes.length > 0, what: 'static routes' },
  { field: 'nat', has: (j) => j.nat.length > 0, what: 'NAT rules' },
  { field: 'pf', has: (j) => j.pf !== undefined, what: 'a pf ruleset' },
  { field: 'bridgeFilter', has: (j) => j.bridgeFilter !== undefined, what: 'bridge filter sysctls' },
  { field: 'forwarding', has: (j) => j.forwarding.ipv4 || j.forwarding.ipv6, what: 'forwarding' },
  {
    field: 'defaultGateway',
    has: (j) => j.defaultGateway.ipv4 !== undefined || j.defaultGateway.ipv6 !== undefined,
    what: 'a default gateway',
  },
];

function sharedJails(ctx: ValidationContext): LocatedSharedJail[] {
  return ctx.stacks.filter((s): s is LocatedSharedJail => isSharedIpJail(s.stack));
}

function addressPath(path: PathSegment[], address: Pick<PlacedJailAddress, 'key' | 'index'>): PathSegment[] {
  return [...path, 'sharedIp', address.key, address.index];
}

/** A shared-IP jail has no network of its own (jail.8 "vnet": without it the jail uses its parent's). */
function ownNetwork({ stack, path }: LocatedSharedJail): Problem[] {
  return OWN_NETWORK.filter(({ has }) => has(stack)).map(({ field, what }) =>
    problem(
      'error',
      'jail.shared-ip.own-network',
      [...path, field],
      `Jail ${stack.name} shares its parent's network stack (no vnet), so it cannot have ${what} of its own; ` +
        `remove them, or make it a vnet jail.`,
    ),
  );
}

/** Each entry parses, and an IPv4 list holds IPv4 addresses (jail.8: ip4.addr is IPv4, ip6.addr IPv6). */
function addressSyntax({ stack, path }: LocatedSharedJail): Problem[] {
  const problems: Problem[] = [];
  for (const { key, family } of SHARED_IP_FAMILIES) {
    const list = stack.sharedIp[key];
    if (list === 'inherit') continue;
    list.forEach((entry, index) => {
      const at = [...addressPath(path, { key, index }), 'address'];
      const parsed = parseJailAddress(entry.address);
      if (!parsed.ok) {
        problems.push(
          problem('error', 'jail.shared-ip.address.syntax', at, `Address of jail ${stack.name}: ${parsed.reason}.`),
        );
      } else if (parsed.value.family !== family) {
        problems.push(
          problem(
            'error',
            'jail.shared-ip.address.family',
            at,
            `${entry.address} is an IPv${parsed.value.family} address in jail ${stack.name}'s ${key}.addr; ` +
              `move it to ${parsed.value.family === 4 ? 'ip4' : 'ip6'}.addr.`,
          ),
        );
      }
    });
  }
  return problems;
}

/**
 * Each address is added by jail(8) to the interface given (command.c IP__IP4_IFADDR runs ifconfig in
 * the creating stack, so the interface must be in the stack the jail shares), or is on one already.
 */
function addressPlacement(ctx: ValidationContext, located: LocatedSharedJail): Problem[] {
  const { stack, path } = located;
  const network = networkStackOf(ctx.topology, stack);
  if (!network) return []; // a missing parent or a loop: jail.parent.* says so
  const problems: Problem[] = [];
  for (const address of jailAddresses(stack.sharedIp)) {
    const at = addressPath(path, address);
    const text = formatCidr(address.cidr);
    if (address.entry.interface !== undefined) {
      if (!network.interfaces.some((i) => i.id === address.entry.interface)) {
        problems.push(
          problem(
            'error',
            'jail.shared-ip.interface.missing',
            [...at, 'interface'],
            `Jail ${stack.name}'s address ${text} is to be added to interface "${address.entry.interface}", ` +
              `which is not in ${stackLabel(network)}, the stack the jail shares; pick one of its interfaces.`,
          ),
        );
      }
    } else if (!network.interfaces.some((i) => interfaceHasAddress(i, address.cidr))) {
      problems.push(
        problem(
          'error',
          'jail.shared-ip.address.unplaced',
          at,
          `Jail ${stack.name}'s address ${text} is on no interface of ${stackLabel(network)} and names no ` +
            `interface to add it to; pick an interface (jail(8) then adds it as an alias).`,
        ),
      );
    }
  }
  return problems;
}

/**
 * kern_jail.c kern_jail_set: a nested jail's addresses must be a subset of its parent's when the
 * parent is restricted (PR_IP4 set: "Make sure the new set of IP addresses is a subset of the
 * parent's list", else EPERM).
 */
function nestedSubset(ctx: ValidationContext, { stack, path }: LocatedSharedJail): Problem[] {
  const parent = stack.parent === undefined ? undefined : ctx.stackById.get(stack.parent)?.stack;
  if (!parent || !isSharedIpJail(parent)) return [];
  const problems: Problem[] = [];
  for (const address of jailAddresses(stack.sharedIp)) {
    const parentList = parent.sharedIp[address.key];
    if (parentList === 'inherit') continue;
    const parentHas = jailAddresses(parent.sharedIp).some(
      (p) => p.key === address.key && p.cidr.address === address.cidr.address,
    );
    if (!parentHas) {
      problems.push(
        problem(
          'error',
          'jail.shared-ip.nested-subset',
          [...addressPath(path, address), 'address'],
          `Jail ${stack.name}'s address ${formatCidr(address.cidr)} is not one of its parent ${parent.name}'s; ` +
            `the kernel refuses it (EPERM): give the parent that address too, or pick one of its addresses.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * kern_jail.c kern_jail_set, "Check for conflicting IP addresses. We permit them if there is no more
 * than one IP on each jail": among the jails sharing one network stack (descendants of the nearest
 * vnet, not counting vnet jails below it), an address may be in two jails only when both have exactly
 * one address of that family; otherwise creating the second fails with EADDRINUSE ("IPv4 addresses
 * clash"). The permitted case is a warning: the two jails then share the address's traffic.
 */
function addressClashes(ctx: ValidationContext, jails: LocatedSharedJail[]): Problem[] {
  const problems: Problem[] = [];
  const claimed = new Map<string, { jail: LocatedSharedJail; count: number }>();
  for (const jail of jails) {
    const network = networkStackOf(ctx.topology, jail.stack);
    if (!network) continue;
    const addresses = jailAddresses(jail.stack.sharedIp);
    for (const address of addresses) {
      const count = addresses.filter((a) => a.key === address.key).length;
      const key = `${network.id} ${address.key} ${address.cidr.address}`;
      const earlier = claimed.get(key);
      if (!earlier) {
        claimed.set(key, { jail, count });
        continue;
      }
      if (earlier.jail.stack.id === jail.stack.id) continue;
      const permitted = count === 1 && earlier.count === 1;
      problems.push(
        problem(
          permitted ? 'warning' : 'error',
          permitted ? 'jail.shared-ip.address.shared' : 'jail.shared-ip.address.clash',
          [...addressPath(jail.path, address), 'address'],
          permitted
            ? `Jails ${earlier.jail.stack.name} and ${jail.stack.name} both use ${formatCidr(address.cidr)}; ` +
                `the kernel allows it because each has only that one address, but both then answer on it.`
            : `Jails ${earlier.jail.stack.name} and ${jail.stack.name} both use ${formatCidr(address.cidr)}; ` +
                `the kernel refuses the second (EADDRINUSE, "addresses clash") unless each jail has only that ` +
                `one address; give each jail its own address.`,
        ),
      );
    }
  }
  return problems;
}

/** `inherit`: the jail may use every address of the stack it shares, so the audit answers for it as for that stack. */
function inherits({ stack, path }: LocatedSharedJail): Problem[] {
  return SHARED_IP_FAMILIES.filter(({ key }) => stack.sharedIp[key] === 'inherit').map(({ key }) =>
    problem(
      'warning',
      'jail.shared-ip.inherit',
      [...path, 'sharedIp', key],
      `Jail ${stack.name} inherits every ${key === 'ip4' ? 'IPv4' : 'IPv6'} address of the stack it shares ` +
        `(${key} = inherit): anything it listens on is the host's too, and the audit answers for it as for the host.`,
    ),
  );
}

export function sharedIpJails(ctx: ValidationContext): Problem[] {
  const jails = sharedJails(ctx);
  return [
    ...jails.flatMap(ownNetwork),
    ...jails.flatMap(addressSyntax),
    ...jails.flatMap((jail) => addressPlacement(ctx, jail)),
    ...jails.flatMap((jail) => nestedSubset(ctx, jail)),
    ...addressClashes(ctx, jails),
    ...jails.flatMap(inherits),
  ];
}
