import { rcDescription, RenderError } from '../text/quote';
import { formatPath, type PathSegment, type Problem } from './problem';
import { interfaceLabel, problem, stackLabel, type ValidationContext } from './context';

// FreeBSD allows 15 characters (IFNAMSIZ 16 with the NUL; docs/freebsd.md §1.3). The kernel
// documents no character set; jib refuses anything outside [0-9A-Za-z_] and rc.conf cannot address
// names with a dot, so we keep to that set and start with a letter.
export const MAX_INTERFACE_NAME = 15;
export const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// jail(8): a name may not contain "." (it separates nested jails). Beyond that we keep to a set that
// is safe in paths, jail.conf and rc.conf without quoting.
const JAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// Our ownership marker lives in the description, and ifconfig output is read line by line.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function uniqueIds(ctx: ValidationContext): Problem[] {
  const seen = new Map<string, PathSegment[]>();
  const problems: Problem[] = [];
  const visit = (id: string, path: PathSegment[]) => {
    const first = seen.get(id);
    if (first) {
      problems.push(
        problem(
          'error',
          'id.duplicate',
          [...path, 'id'],
          `Id "${id}" is already used at ${formatPath(first)}; every object needs its own id.`,
        ),
      );
    } else seen.set(id, path);
  };
  ctx.stacks.forEach(({ stack, path }) => visit(stack.id, path));
  ctx.interfaces.forEach(({ iface, path }) => visit(iface.id, path));
  ctx.segments.forEach(({ segment, path }) => visit(segment.id, path));
  ctx.topology.intents.forEach((intent, i) => visit(intent.id, ['intents', i]));
  return problems;
}

export function oneHost(ctx: ValidationContext): Problem[] {
  const hosts = ctx.stacks.filter(({ stack }) => stack.kind === 'host');
  if (hosts.length === 1) return [];
  if (hosts.length === 0) {
    return [
      problem(
        'error',
        'stack.host.count',
        ['stacks'],
        'A topology needs exactly one stack of kind "host"; there is none.',
      ),
    ];
  }
  return hosts
    .slice(1)
    .map(({ path }) =>
      problem(
        'error',
        'stack.host.count',
        [...path, 'kind'],
        'A topology describes one host; this is a second stack of kind "host".',
      ),
    );
}

export function interfaceNames(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>(); // `${stackId}\0${name}` → first interface id
  for (const located of ctx.interfaces) {
    const { iface, stack, path } = located;
    const at = [...path, 'name'];
    if (iface.name.length > MAX_INTERFACE_NAME) {
      problems.push(
        problem(
          'error',
          'interface.name.length',
          at,
          `Interface name "${iface.name}" is ${iface.name.length} characters; FreeBSD allows at most ${MAX_INTERFACE_NAME}. Shorten it.`,
        ),
      );
    }
    if (!INTERFACE_NAME.test(iface.name)) {
      problems.push(
        problem(
          'error',
          'interface.name.charset',
          at,
          `Interface name "${iface.name}" must start with a letter and use only letters, digits and "_".`,
        ),
      );
    }
    const key = `${stack.id}\0${iface.name}`;
    if (seen.has(key)) {
      problems.push(
        problem(
          'error',
          'interface.name.duplicate',
          at,
          `${stackLabel(stack)} already has an interface named "${iface.name}"; names are unique within a stack.`,
        ),
      );
    } else seen.set(key, iface.id);
    if (iface.description !== undefined && CONTROL_CHARACTER.test(iface.description)) {
      problems.push(
        problem(
          'error',
          'interface.description.charset',
          [...path, 'description'],
          `The description of ${interfaceLabel(located)} contains a line break or control character; use one line of plain text.`,
        ),
      );
    } else if (iface.description !== undefined && iface.kind !== 'loopback') {
      // Applied live the description is one argv word and anything goes; rc.conf cannot keep it
      // (core/text/quote.ts rcDescription says why for each character).
      try {
        rcDescription(iface.description, 'description');
      } catch (error) {
        if (!(error instanceof RenderError)) throw error;
        problems.push(
          problem(
            'warning',
            'interface.description.persist',
            [...path, 'description'],
            `The description of ${interfaceLabel(located)} cannot be written to rc.conf (${error.message.replace(/^description: /, '')}); it works live, but "Persist" will refuse the design.`,
          ),
        );
      }
    }
  }
  return problems;
}

export function physicalInOneStack(ctx: ValidationContext): Problem[] {
  const firstStack = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { iface, stack, path } of ctx.interfaces) {
    if (iface.kind !== 'physical') continue;
    const owner = firstStack.get(iface.name);
    if (owner !== undefined && owner !== stack.id) {
      problems.push(
        problem(
          'error',
          'physical.stack.duplicate',
          [...path, 'name'],
          `Physical NIC ${iface.name} is already in ${stackLabel(ctx.stackById.get(owner)!.stack)}; a NIC lives in exactly one stack. Remove one of them.`,
        ),
      );
    } else firstStack.set(iface.name, stack.id);
  }
  return problems;
}

// RFC 1123 host names: labels of letters, digits and "-", separated by dots. Anything else (a space,
// a quote, "$(...)") has no business in a hostname and is refused before a command is built.
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function hostnames(ctx: ValidationContext): Problem[] {
  return ctx.stacks.flatMap(({ stack, path }) => {
    const hostname = stack.hostname;
    if (hostname === undefined || HOSTNAME.test(hostname)) return [];
    return [
      problem(
        'error',
        'stack.hostname.syntax',
        [...path, 'hostname'],
        `Hostname "${hostname}" is not a valid host name: use letters, digits and "-" in dot-separated labels.`,
      ),
    ];
  });
}

export function jailNames(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { stack, path } of ctx.stacks) {
    if (stack.kind !== 'jail') continue;
    const at = [...path, 'name'];
    if (/^[0-9]+$/.test(stack.name)) {
      problems.push(
        problem(
          'error',
          'jail.name.numeric',
          at,
          `Jail name "${stack.name}" is all digits; jexec, jls -j and jail -r take a number as a jail ID (jid), not a name, so Patchbay could not reach this jail again. Add a letter.`,
        ),
      );
    } else if (stack.name.includes('.')) {
      problems.push(
        problem(
          'error',
          'jail.name.dot',
          at,
          `Jail name "${stack.name}" contains "."; jail(8) uses the dot to separate nested jails. Use "-" or "_" instead.`,
        ),
      );
    } else if (!JAIL_NAME.test(stack.name)) {
      problems.push(
        problem(
          'error',
          'jail.name.charset',
          at,
          `Jail name "${stack.name}" must start with a letter or digit and use only letters, digits, "-" and "_".`,
        ),
      );
    }
    if (seen.has(stack.name)) {
      problems.push(
        problem(
          'error',
          'jail.name.duplicate',
          at,
          `Another jail is already named "${stack.name}"; jail names are unique on a host.`,
        ),
      );
    }
    seen.add(stack.name);
  }
  return problems;
}
