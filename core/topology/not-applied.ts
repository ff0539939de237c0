import type { Stack } from './schema';

// Interface routes (route(8) `-iface`) and user interface groups (ifconfig(8) `group`) are in the
// model and the audit, but the planner, the renderers and the emulator do not apply them yet. Every
// consumer that would otherwise drop them asks here and refuses, so a design is never applied or
// persisted without them silently (issue: "Questions and the schema").

export interface NotApplied {
  /** Where in the stack, as the user sees it: "route 10.9.0.0/24 -iface epair0b", "interface em0". */
  subject: string;
  reason: string;
}

/** What of `stack` Patchbay audits but cannot yet apply or persist. */
export function notYetApplied(stack: Stack): NotApplied[] {
  const found: NotApplied[] = [];
  for (const route of stack.staticRoutes) {
    if (route.interface === undefined) continue;
    const name = stack.interfaces.find((i) => i.id === route.interface)?.name ?? route.interface;
    found.push({
      subject: `route ${route.destination} -iface ${name}`,
      reason: `interface routes are audited but not yet applied: route add ${route.destination} -iface ${name}`,
    });
  }
  for (const iface of stack.interfaces)
    if (iface.groups?.length)
      found.push({
        subject: `interface ${iface.name}`,
        reason: `interface groups are audited but not yet applied: ifconfig ${iface.name} group ${iface.groups.join(' group ')}`,
      });
  return found;
}
