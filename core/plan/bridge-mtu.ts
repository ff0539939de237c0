import { DEFAULT_MTU } from '../topology/defaults';
import type { IndexedInterface, IndexedTopology } from './indexed';
import type { Settings } from './interface-steps';
import { PHASES, type PlanStep } from './types';

// A bridge member's MTU and its bridge's, as each release lets them change (agent/emulator/kernel/
// interfaces.ts setMtu() and docs/freebsd/ifconfig.md §6.5 cite the source):
// - 15: `ifconfig MEMBER mtu N` fails with EOPNOTSUPP (sys/net/if.c ifhwioctl() SIOCSIFMTU refuses any
//   interface with if_bridge set); `ifconfig BRIDGE mtu N` sets every member (if_bridge.c
//   bridge_ioctl() SIOCSIFMTU calls each member's if_ioctl). So a member that stays on its bridge
//   takes no MTU step of its own: the bridge's step changes it, and the bridge's undo changes it back.
// - 13 and 14: members first, then the bridge (13 bridge_ioctl() refuses a bridge MTU that a member
//   does not already have), which the members' own steps do.

/** The bridge in `member`'s stack that has it among its members. */
function bridgeHolding(topology: IndexedTopology, member: IndexedInterface): IndexedInterface | undefined {
  return [...topology.interfaces.values()].find(
    (b) => b.stackKey === member.stackKey && b.iface.kind === 'bridge' && b.iface.members.includes(member.iface.id),
  );
}

/**
 * `current` as the member's own steps should see it: on 15, a member that is on the same bridge (by
 * name, in the same stack) on the host and in the design, with the design's bridge MTU, already has its
 * new MTU when its turn comes, since the bridge's MTU step sets it.
 */
export function memberMtuFollowingBridge(
  actual: IndexedTopology,
  desired: IndexedTopology,
  want: IndexedInterface,
  have: IndexedInterface,
  current: Settings,
  target: Settings,
): Settings {
  if (desired.topology.target.freebsd !== '15' || current.mtu === target.mtu) return current;
  if (have.stackKey !== want.stackKey) return current;
  const wantBridge = bridgeHolding(desired, want);
  const haveBridge = bridgeHolding(actual, have);
  if (!wantBridge || !haveBridge || wantBridge.iface.name !== haveBridge.iface.name) return current;
  if ((wantBridge.iface.mtu ?? DEFAULT_MTU.bridge) !== target.mtu) return current;
  return { ...current, mtu: target.mtu };
}

/**
 * On 13 and 14, the configure steps that change a bridge's MTU run after every other configure step,
 * so its members (whose steps set their own MTU) already have the new value (13 if_bridge.c
 * bridge_ioctl() SIOCSIFMTU: EINVAL while any member differs). Otherwise the order stays as it is.
 */
export function bridgeMtuAfterMembers(desired: IndexedTopology, steps: PlanStep[]): PlanStep[] {
  if (desired.topology.target.freebsd === '15') return steps;
  const bridges = new Set(
    [...desired.interfaces.values()]
      .filter((d) => d.iface.kind === 'bridge')
      .map((d) => `${d.stackKey}\0${d.iface.name}`),
  );
  const changesBridgeMtu = (step: PlanStep) =>
    step.phase === 'configure' &&
    step.command.argv[0] === 'ifconfig' &&
    step.command.argv.includes('mtu') &&
    bridges.has(`${step.command.jail ?? ''}\0${step.command.argv[1]}`);
  const late = steps.filter(changesBridgeMtu);
  if (!late.length) return steps;
  const rest = steps.filter((s) => !changesBridgeMtu(s));
  // The steps come sorted by phase: the late ones go in front of the first step of a later phase.
  const configureRank = PHASES.indexOf('configure');
  const cut = rest.findIndex((s) => PHASES.indexOf(s.phase) > configureRank);
  return cut < 0 ? [...rest, ...late] : [...rest.slice(0, cut), ...late, ...rest.slice(cut)];
}
