import { MANAGER_LABELS, rootOf } from '../topology/jail-root';
import type { JailStack, Stack } from '../topology/schema';
import type { Planner } from './planner';

// A jail another tool defines (jail.conf, Bastille, AppJail) is that tool's to create, change and
// remove: the plan never runs `jail -c`, `jail -m` or `jail -R` for it. It only moves the design's
// interfaces into the running jail (`ifconfig <if> vnet <jail>`, docs/freebsd.md §1.5) and configures
// them there, as for any jail that already exists.

/** Handles an external jail's lifecycle (nothing, or a refusal when it is not running); false for any other jail. */
export function externalJailStep(p: Planner, path: string, jail: JailStack, existing: Stack | undefined): boolean {
  const root = rootOf(jail);
  if (root.kind !== 'external') return false;
  const manager = MANAGER_LABELS[root.manager];
  if (!existing)
    p.guard.refuse({
      subject: `jail ${path}`,
      reason: `Jail ${path} is defined by ${manager}, which creates and starts it, and it is not running. Patchbay never creates a jail that another tool defines: start it there, then plan again.`,
    });
  else
    p.notes.push(
      `Jail ${path} is defined by ${manager}: the plan only moves interfaces into it and configures them; it never creates, changes or removes the jail.`,
    );
  return true;
}
