import { mtuRefusal } from './rules-mtu';
import type { Problem } from './problem';
import { interfaceLabel, problem, stackLabel, type ValidationContext } from './context';
import { kernelEpairName } from '../topology/cable';

/** Both ends of an epair point at each other, one is `a` and one is `b`, and kernel names agree. */
export function epairEnds(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const located of ctx.interfaces) {
    const { iface, path } = located;
    if (iface.kind !== 'epair') continue;
    const peer = ctx.interfaceById.get(iface.peer);
    const peerPath = [...path, 'peer'];
    if (!peer) {
      problems.push(
        problem(
          'error',
          'epair.peer.missing',
          peerPath,
          `Epair end ${interfaceLabel(located)} names peer "${iface.peer}", which does not exist.`,
        ),
      );
      continue;
    }
    if (peer.iface.id === iface.id) {
      problems.push(
        problem('error', 'epair.peer.self', peerPath, `Epair end ${interfaceLabel(located)} names itself as its peer.`),
      );
      continue;
    }
    if (peer.iface.kind !== 'epair') {
      problems.push(
        problem(
          'error',
          'epair.peer.kind',
          peerPath,
          `Epair end ${interfaceLabel(located)} names ${interfaceLabel(peer)} as its peer, but that is a ${peer.iface.kind} interface, not an epair end.`,
        ),
      );
      continue;
    }
    if (peer.iface.peer !== iface.id) {
      problems.push(
        problem(
          'error',
          'epair.peer.mismatch',
          peerPath,
          `Epair end ${interfaceLabel(located)} names ${interfaceLabel(peer)} as its peer, but that end names "${peer.iface.peer}"; both ends must name each other.`,
        ),
      );
      continue;
    }
    // Pair-wide problems are reported once, on the end that comes later in the file.
    if (peer.iface.end === iface.end && ctx.interfaces.indexOf(peer) < ctx.interfaces.indexOf(located)) {
      problems.push(
        problem(
          'error',
          'epair.end.same',
          [...path, 'end'],
          `Both ends of the epair ${peer.iface.name}/${iface.name} are "${iface.end}"; one end must be "a" and the other "b".`,
        ),
      );
    }
    const kernelName = kernelEpairName(iface.name);
    if (kernelName) {
      problems.push(
        problem(
          'warning',
          'epair.name.kernel',
          [...path, 'name'],
          `${iface.name} is the kernel's own name for an epair end. Patchbay keeps an epair that already exists under it, but makes new ones with "ifconfig epair create" and renames both ends, and will not rename to this form: it would block unit ${kernelName.unit} for every later "ifconfig epair create" (if_epair.c refuses a unit whose a or b name exists). Name the ends yourself, e.g. e0a_<jail> / e0b_<jail>.`,
        ),
      );
    }
    if (kernelName && kernelName.end !== iface.end) {
      problems.push(
        problem(
          'error',
          'epair.name.end',
          [...path, 'end'],
          `${iface.name} is the "${kernelName.end}" end by its kernel name, but is marked end "${iface.end}".`,
        ),
      );
    }
    const peerKernelName = kernelEpairName(peer.iface.name);
    if (kernelName && peerKernelName && kernelName.unit !== peerKernelName.unit && iface.end === 'b') {
      problems.push(
        problem(
          'error',
          'epair.name.unit',
          [...path, 'name'],
          `${iface.name} and its peer ${peer.iface.name} carry different epair unit numbers; kernel-named ends of one epair share the number (epair${peerKernelName.unit}a/epair${peerKernelName.unit}b).`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Bridge members exist, live in the bridge's stack, are ethernet-like, belong to one bridge, share an
 * MTU (if_bridge(4)), and carry no addresses (refused with EINVAL on FreeBSD 15; §1.4).
 */
export function bridgeMembers(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const memberOf = new Map<string, string>(); // member id → bridge name
  const release = ctx.topology.target.freebsd;
  for (const bridge of ctx.interfaces) {
    if (bridge.iface.kind !== 'bridge') continue;
    const listed = new Set<string>();
    let firstMtu: { mtu: number; name: string } | undefined;
    bridge.iface.members.forEach((memberId, m) => {
      const at = [...bridge.path, 'members', m];
      const member = ctx.interfaceById.get(memberId);
      if (!member) {
        problems.push(
          problem(
            'error',
            'bridge.member.missing',
            at,
            `Bridge ${interfaceLabel(bridge)} lists member "${memberId}", which does not exist.`,
          ),
        );
        return;
      }
      if (listed.has(memberId)) {
        problems.push(
          problem(
            'error',
            'bridge.member.duplicate',
            at,
            `${member.iface.name} is listed twice as a member of ${bridge.iface.name}.`,
          ),
        );
        return;
      }
      listed.add(memberId);
      if (member.stack.id !== bridge.stack.id) {
        problems.push(
          problem(
            'error',
            'bridge.member.stack',
            at,
            `${member.iface.name} lives in ${stackLabel(member.stack)}, but bridge ${bridge.iface.name} is in ${stackLabel(bridge.stack)}; a bridge's members must be in its own stack.`,
          ),
        );
      }
      // if_bridge accepts ethernet-like interfaces; a bridge or lo0 as member is refused by the kernel
      // (worked out from if_bridge.c bridge_ioctl_add's if_type check; not in docs/freebsd.md).
      if (member.iface.kind === 'bridge' || member.iface.kind === 'loopback') {
        problems.push(
          problem(
            'error',
            'bridge.member.kind',
            at,
            `${member.iface.name} is a ${member.iface.kind} interface and cannot be a bridge member.`,
          ),
        );
      }
      const other = memberOf.get(memberId);
      if (other !== undefined) {
        problems.push(
          problem(
            'error',
            'bridge.member.shared',
            at,
            `${member.iface.name} is already a member of ${other}; an interface belongs to one bridge at most.`,
          ),
        );
      } else memberOf.set(memberId, bridge.iface.name);
      const mtu = member.iface.mtu ?? 1500;
      if (firstMtu && firstMtu.mtu !== mtu) {
        // 13/14 refuse a member whose MTU differs (if_bridge.c bridge_ioctl_add, EINVAL); the newer
        // if_bridge sets the new member to the bridge's MTU instead (read in a post-14.0 main
        // revision, taken here as 15; docs/freebsd/ifconfig.md, Kernel). Either way the MTUs end equal.
        if (release === '15') {
          problems.push(
            problem(
              'warning',
              'bridge.member.mtu',
              at,
              `${member.iface.name} has MTU ${mtu} but ${firstMtu.name} has ${firstMtu.mtu}; on FreeBSD 15 ${bridge.iface.name} sets it to ${firstMtu.mtu} when it joins, so the design's ${mtu} will not hold. Give all members of ${bridge.iface.name} the same MTU.`,
            ),
          );
        } else {
          problems.push(
            problem(
              'error',
              'bridge.member.mtu',
              at,
              `${member.iface.name} has MTU ${mtu} but ${firstMtu.name} has ${firstMtu.mtu}; FreeBSD ${release} refuses a bridge member whose MTU differs (if_bridge(4)). Give all members of ${bridge.iface.name} the same MTU.`,
            ),
          );
        }
      }
      firstMtu ??= { mtu, name: member.iface.name };
      if (member.iface.addresses.length > 0) {
        const fifteen = release === '15';
        problems.push(
          problem(
            fifteen ? 'error' : 'warning',
            'bridge.member.address',
            [...member.path, 'addresses'],
            fifteen
              ? `${member.iface.name} is a member of ${bridge.iface.name} and has an address; FreeBSD 15 refuses that (EINVAL). Put the address on ${bridge.iface.name}.`
              : `${member.iface.name} is a member of ${bridge.iface.name} and has an address; FreeBSD 15 refuses that and it misbehaves before. Put the address on ${bridge.iface.name}.`,
          ),
        );
      }
    });
    // The first member sets the bridge's MTU when it joins (if_bridge.c bridge_ioctl_add), and after
    // that 13/14 refuse a bridge MTU its members lack while 15 sets the members to it (bridge_ioctl
    // SIOCSIFMTU; docs/freebsd/ifconfig.md §6.5): a bridge whose MTU differs from its members' never
    // holds, and planning it would change something on every apply.
    const bridgeMtu = bridge.iface.mtu ?? 1500;
    // An MTU FreeBSD refuses outright is interface.mtu.range's, reported once at this field.
    if (firstMtu && firstMtu.mtu !== bridgeMtu && !mtuRefusal('bridge', bridgeMtu))
      problems.push(
        problem(
          'error',
          'bridge.mtu.members',
          [...bridge.path, 'mtu'],
          `${bridge.iface.name} has MTU ${bridgeMtu} but its members have ${firstMtu.mtu} (${firstMtu.name}); FreeBSD gives a bridge its first member's MTU and keeps the two equal. Give ${bridge.iface.name} MTU ${firstMtu.mtu}, or its members ${bridgeMtu}.`,
        ),
      );
  }
  return problems;
}
