import type { Stack, Topology } from './schema';

// Every vnet jail gets a lo0 of its own, down and without an address (a new vnet's loopback: if_loop.c
// attaches lo0 in each vnet). Services inside talk to 127.0.0.1, so Patchbay brings lo0 up in every
// jail it makes. A design that does not draw a jail's lo0 means the usual one: 127.0.0.1/8, up.
// A shared-IP jail has no vnet and so no lo0 of its own (core/topology/shared-ip.ts).

const JAIL_LOOPBACK_ADDRESSES = ['127.0.0.1/8'] as const;

/** `topology` with the usual lo0 added to each jail that has none; the same object when nothing is missing. */
export function withJailLoopbacks(topology: Topology): Topology {
  const needsOne = (s: Stack) => s.kind === 'jail' && s.sharedIp === undefined;
  const missing = topology.stacks.some((s) => needsOne(s) && !s.interfaces.some((i) => i.name === 'lo0'));
  if (!missing) return topology;
  return {
    ...topology,
    stacks: topology.stacks.map((stack) =>
      !needsOne(stack) || stack.interfaces.some((i) => i.name === 'lo0')
        ? stack
        : {
            ...stack,
            interfaces: [
              {
                kind: 'loopback' as const,
                id: `${stack.id}:lo0`,
                name: 'lo0',
                up: true,
                addresses: [...JAIL_LOOPBACK_ADDRESSES],
              },
              ...stack.interfaces,
            ],
          },
    ),
  };
}
