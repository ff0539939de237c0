import type { Interface, Topology } from '../topology/schema';
import { describeKey, indexTopology } from './indexed';
import type { HostValues } from './types';

// The one-click answer to a refusal: the design takes the host's values for the fields the refusal
// is about, so planning again finds nothing there to change. The design is found by the names the
// kernel knows (stack path and interface name), as the planner matched it; ids and layout stay.

export type TakeResult = { ok: true; topology: Topology } | { ok: false; error: string };

function withHostValues(iface: Interface, values: HostValues['values']): Interface {
  const next: Interface = { ...iface };
  if (values.description !== undefined) {
    if (values.description === null) delete next.description;
    else next.description = values.description;
  }
  if (values.mac !== undefined) {
    if (values.mac === null) delete next.mac;
    else next.mac = values.mac;
  }
  if (values.mtu !== undefined) next.mtu = values.mtu;
  if (values.addresses !== undefined) next.addresses = [...values.addresses];
  if (values.up !== undefined) next.up = values.up;
  if (values.groups !== undefined) {
    if (values.groups.length) next.groups = [...values.groups];
    else delete next.groups;
  }
  return next;
}

/** `design` with the host's values in the named interface, or why it cannot take them. */
export function takeHostValues(design: Topology, fix: HostValues): TakeResult {
  const key = `${fix.stack}/${fix.interface}`;
  const found = indexTopology(design).interfaces.get(key);
  if (!found)
    return {
      ok: false,
      error: `The design has no interface ${describeKey(key)} to take the host's values into; it may have changed since the plan was made. Plan again.`,
    };
  const id = found.iface.id;
  return {
    ok: true,
    topology: {
      ...design,
      stacks: design.stacks.map((stack) =>
        stack.id !== found.stack.id
          ? stack
          : { ...stack, interfaces: stack.interfaces.map((i) => (i.id === id ? withHostValues(i, fix.values) : i)) },
      ),
    },
  };
}
