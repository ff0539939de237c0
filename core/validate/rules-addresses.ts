import { broadcastOf, formatIp, isLinkLocal, networkOf, overlaps, parseCidr, parseIp, type Cidr } from '../net/ip';
import { kernelMadeAddress } from '../topology/kernel-addresses';
import { interfaceAddresses } from './addresses';
import { interfaceLabel, problem, stackLabel, type ValidationContext } from './context';
import { layer2Domains } from './l2-domains';
import type { PathSegment, Problem } from './problem';

/** Why a design may not ask for an address the kernel makes itself (topology/kernel-addresses.ts). */
const KERNEL_MADE = {
  'link-local':
    'is a link-local address: FreeBSD gives each interface its own when it comes up (fe80::/64 from the MAC), and Patchbay leaves link-local addresses to the kernel',
  loopback: "is the loopback address FreeBSD adds to a jail's lo0 itself when Patchbay brings lo0 up",
} as const;

/**
 * Addresses that name no single host (RFC 1122 §3.2.1.3, RFC 5771, RFC 4291 §2.5.2 and §2.7): given
 * to an interface they make packets to "everyone" or "this network" look like packets to the jail.
 */
function notAHostAddress(family: 4 | 6, value: bigint): string | null {
  if (family === 4) {
    if (value === 0xffffffffn) return 'is the limited broadcast address';
    if (value >> 24n === 0n) return 'is in 0.0.0.0/8, "this network"';
    if (value >> 28n === 0xen) return 'is a multicast address (224.0.0.0/4)';
    return null;
  }
  if (value === 0n) return 'is the unspecified address ::';
  if (value >> 120n === 0xffn) return 'is a multicast address (ff00::/8)';
  return null;
}

export function addressSyntax(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const located of ctx.interfaces) {
    located.iface.addresses.forEach((text, i) => {
      const at = [...located.path, 'addresses', i];
      const parsed = parseCidr(text);
      if (!parsed.ok) {
        problems.push(
          problem('error', 'address.syntax', at, `Address of ${interfaceLabel(located)}: ${parsed.reason}.`),
        );
        return;
      }
      const cidr = parsed.value;
      const kernelMade = kernelMadeAddress(located.stack.kind, located.iface, cidr);
      if (kernelMade) {
        problems.push(
          problem(
            'error',
            'address.kernel',
            at,
            `${text} on ${interfaceLabel(located)} ${KERNEL_MADE[kernelMade]}; leave it out of the design.`,
          ),
        );
        return;
      }
      const notUnicast = notAHostAddress(cidr.family, cidr.address);
      if (notUnicast) {
        problems.push(
          problem(
            'error',
            'address.not-unicast',
            at,
            `${text} on ${interfaceLabel(located)} ${notUnicast}, not an address one host can own; pick a unicast address.`,
          ),
        );
        return;
      }
      const hostBits = (cidr.family === 4 ? 32 : 128) - cidr.prefix;
      if (
        cidr.family === 4 &&
        hostBits >= 2 &&
        (cidr.address === networkOf(cidr) || cidr.address === broadcastOf(cidr))
      ) {
        const which = cidr.address === networkOf(cidr) ? 'network' : 'broadcast';
        problems.push(
          problem(
            'warning',
            'address.reserved',
            at,
            `${text} on ${interfaceLabel(located)} is the ${which} address of its subnet; pick a host address inside it.`,
          ),
        );
      }
    });
  }
  return problems;
}

/** The same IP twice where frames reach each other: ARP/ND would flap between the two owners. */
export function duplicateAddresses(ctx: ValidationContext): Problem[] {
  const domainOf = layer2Domains(ctx);
  const seen = new Map<string, string>(); // domain|family|value → who has it
  const problems: Problem[] = [];
  const claim = (domainId: string, family: number, value: bigint, who: string, path: PathSegment[], text: string) => {
    const key = `${domainOf(domainId)}|${family}|${value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(
          'error',
          'address.duplicate',
          path,
          `${text} is already used by ${first} on the same layer-2 network; every address must be unique there.`,
        ),
      );
    } else seen.set(key, who);
  };
  for (const { owner, cidr, path } of interfaceAddresses(ctx)) {
    claim(
      owner.iface.id,
      cidr.family,
      cidr.address,
      interfaceLabel(owner),
      path,
      formatIp({ family: cidr.family, value: cidr.address }),
    );
  }
  for (const { segment, path } of ctx.segments) {
    if (segment.kind !== 'lan' || segment.gateway === undefined) continue;
    const gateway = parseIp(segment.gateway);
    if (gateway.ok)
      claim(
        segment.id,
        gateway.value.family,
        gateway.value.value,
        `the gateway of ${segment.name}`,
        [...path, 'gateway'],
        segment.gateway,
      );
  }
  return problems;
}

/**
 * Link-local prefixes are scoped to their link (RFC 4007): every IPv6 interface has its own
 * fe80::/64 (the kernel keys its route by interface, in6_ifattach.c), so they never overlap.
 */
const linkScoped = (cidr: Cidr): boolean => isLinkLocal({ family: cidr.family, value: cidr.address });

/** Two interfaces of one stack in overlapping subnets make the connected routes ambiguous. */
export function overlappingSubnets(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const byStack = new Map<string, ReturnType<typeof interfaceAddresses>>();
  for (const address of interfaceAddresses(ctx)) {
    const list = byStack.get(address.owner.stack.id) ?? [];
    list.push(address);
    byStack.set(address.owner.stack.id, list);
  }
  for (const addresses of byStack.values()) {
    addresses.forEach((later, j) => {
      const earlier = addresses
        .slice(0, j)
        .find(
          (a) =>
            a.owner.iface.id !== later.owner.iface.id &&
            overlaps(a.cidr, later.cidr) &&
            !(linkScoped(a.cidr) && linkScoped(later.cidr)),
        );
      if (!earlier) return;
      problems.push(
        problem(
          'error',
          'subnet.overlap',
          later.path,
          `${later.text} on ${later.owner.iface.name} overlaps ${earlier.text} on ${earlier.owner.iface.name}, both in ${stackLabel(later.owner.stack)}; give each interface its own subnet.`,
        ),
      );
    });
  }
  return problems;
}
