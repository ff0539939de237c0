import type { Topology } from './schema';

// Every vnet jail gets a lo0 of its own, down and without an address (a new vnet's loopback: if_loop.c
// attaches lo0 in each vnet). Services inside talk to 127.0.0.1, so Patchbay brings lo0 up in every
// jail it makes. A design that does not draw a jail's lo0 means the usual one: 127.0.0.1/8, up.

const JAIL_LOOPBACK_ADDRESSES = ['127.0.0.1/8'] as const;

/** `topology` with the usual lo0 added to each jail that has none; the same object when nothing is missing. */
export function withJailLoopbacks(topology: Topology): Topology {
  const missing = topology.stacks.some((s) => s.kind === 'jail' && !s.interfaces.some((i) => i.name === 'lo0'));
  if (!missing) return topology;
  return {
    ...topology,
    stacks: topology.stacks.map((stack) =>
      stack.kind !== 'jail' || stack.interfaces.some((i) => i.name === 'lo0')
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
