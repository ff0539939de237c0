import { configureCalls, freshSettings, settingsOf } from '../../core/plan/interface-steps';
import { cableOfInterface } from '../../core/topology/cable';
import type { Interface, JailStack, Topology } from '../../core/topology/schema';
import type { Executor, RunRequest } from '../executor/types';
import type { NicSpec } from '../emulator/host';

// Test support: the commands that build a topology from scratch on a freshly booted host. A naive
// create-everything sequence, not the planner (which diffs against the actual state); it lets the
// discovery tests put a known state into the emulator through real command lines.

type Step = RunRequest;

function jailPath(t: Topology, stack: JailStack): string {
  const parent = t.stacks.find((s) => s.id === stack.parent);
  return parent?.kind === 'jail' ? `${jailPath(t, parent)}.${stack.name}` : stack.name;
}

/** The physical NICs a host must have booted with for the topology to be provisioned. */
export function nicsOf(t: Topology): NicSpec[] {
  return t.stacks.flatMap((s) =>
    s.interfaces
      .filter((i) => i.kind === 'physical')
      .map((i) => ({ name: i.name, up: false, ...(i.mac ? { mac: i.mac } : {}) })),
  );
}

/** The calls that set a fresh interface up as designed, marked as Patchbay marks what it makes. */
function configure(t: Topology, iface: Interface, jail?: string): Step[] {
  const inJail = jail ? { jail } : {};
  const marked = iface.kind !== 'physical' && iface.kind !== 'loopback';
  const settings = settingsOf(iface, marked, cableOfInterface(t, iface));
  // A NIC and lo0 exist already: start from what they have (down, no address, the default MTU).
  return configureCalls(freshSettings(iface.kind), settings).map((call) => ({
    argv: ['ifconfig', iface.name, ...call.words],
    ...inJail,
  }));
}

/** Builds the topology on a freshly booted host through `executor`, failing loudly on any error. */
export async function provision(executor: Executor, t: Topology): Promise<void> {
  const run = async (step: Step) => {
    const result = await executor.run(step);
    if (result.code !== 0)
      throw new Error(
        `provision: ${step.jail ? `[${step.jail}] ` : ''}${step.argv.join(' ')}: ${result.stderr.trim()}`,
      );
    return result.stdout.trim();
  };
  const everyInterface = new Map(t.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, i] as const)));
  // Clone bridges and epairs on the host, renaming each epair end the way Bastille does (create,
  // capture epairNa, rename both ends); they move into jails when the jails are made.
  for (const stack of t.stacks) {
    for (const iface of stack.interfaces) {
      if (iface.kind === 'bridge' && stack.kind === 'host') await run({ argv: ['ifconfig', iface.name, 'create'] });
      if (iface.kind === 'loopback' && iface.name !== 'lo0' && stack.kind === 'host')
        await run({ argv: ['ifconfig', iface.name, 'create'] });
      if (iface.kind === 'epair' && iface.end === 'a') {
        const peer = everyInterface.get(iface.peer)!;
        const created = await run({ argv: ['ifconfig', 'epair', 'create'] });
        if (created !== iface.name) await run({ argv: ['ifconfig', created, 'name', iface.name] });
        const b = created.replace(/a$/, 'b');
        if (b !== peer.name) await run({ argv: ['ifconfig', b, 'name', peer.name] });
      }
    }
  }
  const jails = t.stacks
    .filter((s): s is JailStack => s.kind === 'jail')
    .sort((a, b) => jailPath(t, a).split('.').length - jailPath(t, b).split('.').length);
  for (const jail of jails) {
    const moved = jail.interfaces
      .filter((i) => i.kind === 'epair' || i.kind === 'physical')
      .map((i) => `vnet.interface=${i.name}`);
    const name = jailPath(t, jail);
    await run({
      argv: [
        'jail',
        '-c',
        `name=${name}`,
        ...(jail.hostname ? [`host.hostname=${jail.hostname}`] : []),
        'persist',
        'vnet',
        `children.max=${jail.childrenMax}`,
        ...moved,
      ],
    });
    for (const iface of jail.interfaces) {
      if (iface.kind === 'bridge' || (iface.kind === 'loopback' && iface.name !== 'lo0'))
        await run({ argv: ['ifconfig', iface.name, 'create'], jail: name });
    }
  }
  for (const stack of t.stacks) {
    const inJail = stack.kind === 'jail' ? { jail: jailPath(t, stack) } : {};
    for (const iface of stack.interfaces) for (const step of configure(t, iface, inJail.jail)) await run(step);
    for (const iface of stack.interfaces) {
      if (iface.kind !== 'bridge') continue;
      for (const member of iface.members)
        await run({ argv: ['ifconfig', iface.name, 'addm', everyInterface.get(member)!.name], ...inJail });
    }
    if (stack.forwarding.ipv4) await run({ argv: ['sysctl', 'net.inet.ip.forwarding=1'], ...inJail });
    if (stack.forwarding.ipv6) await run({ argv: ['sysctl', 'net.inet6.ip6.forwarding=1'], ...inJail });
    if (stack.defaultGateway.ipv4)
      await run({ argv: ['route', 'add', 'default', stack.defaultGateway.ipv4], ...inJail });
    if (stack.defaultGateway.ipv6)
      await run({ argv: ['route', 'add', '-inet6', 'default', stack.defaultGateway.ipv6], ...inJail });
    for (const route of stack.staticRoutes)
      await run({
        argv: [
          'route',
          'add',
          ...(route.destination.includes(':') ? ['-inet6'] : []),
          route.destination,
          // route(8) `-iface IF` for an interface route; provision only builds what its tests design.
          ...(route.gateway !== undefined
            ? [route.gateway]
            : ['-iface', stack.interfaces.find((i) => i.id === route.interface)?.name ?? String(route.interface)]),
        ],
        ...inJail,
      });
  }
}
