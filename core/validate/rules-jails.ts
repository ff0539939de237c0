import type { JailStack } from '../topology/schema';
import { problem, type ValidationContext } from './context';
import type { Problem } from './problem';

/** Parents exist and are jails, there are no cycles, and each parent allows enough children. */
export function jailNesting(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const jails = ctx.stacks.filter((s): s is typeof s & { stack: JailStack } => s.stack.kind === 'jail');
  const children = new Map<string, string[]>();
  for (const { stack, path } of jails) {
    if (stack.parent === undefined) continue;
    const parent = ctx.stackById.get(stack.parent);
    if (!parent) {
      problems.push(
        problem(
          'error',
          'jail.parent.missing',
          [...path, 'parent'],
          `Jail ${stack.name} names parent "${stack.parent}", which does not exist.`,
        ),
      );
      continue;
    }
    if (parent.stack.kind !== 'jail') {
      problems.push(
        problem(
          'error',
          'jail.parent.kind',
          [...path, 'parent'],
          `Jail ${stack.name} names the host as its parent; leave "parent" out for a jail directly under the host.`,
        ),
      );
      continue;
    }
    children.set(parent.stack.id, [...(children.get(parent.stack.id) ?? []), stack.name]);
  }
  for (const { stack, path } of jails) {
    const seen = new Set<string>([stack.id]);
    let cursor = stack.parent;
    while (cursor !== undefined) {
      if (seen.has(cursor)) {
        if (cursor === stack.id) {
          problems.push(
            problem(
              'error',
              'jail.parent.cycle',
              [...path, 'parent'],
              `Jail ${stack.name} is its own ancestor through its parents; break the loop by changing one "parent".`,
            ),
          );
        }
        break;
      }
      seen.add(cursor);
      const next = ctx.stackById.get(cursor)?.stack;
      cursor = next?.kind === 'jail' ? next.parent : undefined;
    }
  }
  for (const { stack, path } of jails) {
    const kids = children.get(stack.id) ?? [];
    if (kids.length > stack.childrenMax) {
      problems.push(
        problem(
          'error',
          'jail.children-max',
          [...path, 'childrenMax'],
          `Jail ${stack.name} has ${kids.length} child jail(s) (${kids.join(', ')}) but children.max is ${stack.childrenMax}; set children.max to at least ${kids.length}.`,
        ),
      );
    }
    // Patchbay creates every jail with children.max given, and the kernel refuses a child whose
    // children.max is not below its parent's (sys/kern/kern_jail.c kern_jail_set: childmax >=
    // ppr->pr_childmax → EPERM; docs/freebsd/jail.md).
    const parent = stack.parent ? ctx.stackById.get(stack.parent)?.stack : undefined;
    if (parent?.kind === 'jail' && stack.childrenMax >= parent.childrenMax) {
      problems.push(
        problem(
          'error',
          'jail.children-max.nested',
          [...path, 'childrenMax'],
          `Jail ${stack.name} has children.max ${stack.childrenMax}, but a nested jail's must be smaller than its parent's (${parent.name}: ${parent.childrenMax}); FreeBSD refuses to create it (jail_set: Operation not permitted). Raise ${parent.name}'s children.max to at least ${stack.childrenMax + 1}.`,
        ),
      );
    }
  }
  return problems;
}
