import { rootOf, rootPath } from '../topology/jail-root';
import type { JailStack } from '../topology/schema';

// The `jail -c` parameters a jail's root adds (core/topology/jail-root.ts), each one argv word
// `name=value` or a bare boolean, as jail(8) reads them (usr.sbin/jail/jail.c main(): every operand
// after -c is add_param(NULL, NULL, 0, argv[i]), split at the first "="; docs/freebsd.md §5.1).
// jail(8) then checks `path` (create_jail(): absolute, an existing directory), mounts devfs on
// <path>/dev with the ruleset before it creates the jail (startcommands[]: IP_MOUNT_DEVFS before
// IP__OP) and runs exec.start inside it once the vnet.interface moves are done. exec.stop is given
// too, so a `jail -r` of this very command line would run it; the plan's own removal is `jail -R`,
// which runs no stop command (jail.8 -R), hence the note the plan adds for rooted jails.

/** The hostname a jail is created with: its own, or for a rooted jail its name, as the Handbook does. */
export function createHostname(jail: JailStack): string | undefined {
  return jail.hostname ?? (rootOf(jail).kind === 'directory' ? jail.name : undefined);
}

export function rootParams(jail: JailStack): string[] {
  const root = rootOf(jail);
  if (root.kind !== 'directory') return [];
  return [
    `path=${rootPath(root, jail.name)}`,
    ...(root.mountDevfs ? ['mount.devfs'] : []),
    ...(root.devfsRuleset !== undefined ? [`devfs_ruleset=${root.devfsRuleset}`] : []),
    `exec.start=${root.execStart}`,
    `exec.stop=${root.execStop}`,
  ];
}

/** What the plan cannot do for a rooted jail: its undo, `jail -R`, runs no stop command and unmounts nothing. */
export function rootedJailNote(path: string, jail: JailStack): string | undefined {
  const root = rootOf(jail);
  if (root.kind !== 'directory') return undefined;
  const dir = rootPath(root, jail.name);
  return `Jail ${path} is created with its root ${dir}, which must already hold a FreeBSD userland (the Handbook's base.txz). Should the apply be undone, "jail -R" removes it without running exec.stop${root.mountDevfs ? ` and leaves devfs mounted on ${dir}/dev (umount ${dir}/dev)` : ''} (jail.8, -R).`;
}
