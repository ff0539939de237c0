import { z } from 'zod';

// What a jail is besides its network: its root directory and how it starts and stops, or nothing of
// the kind (a network-only lab jail), or another tool's business (jail.conf, Bastille, AppJail), in
// which case Patchbay renders and applies only the network part.
//
// The defaults are the FreeBSD Handbook's, chapter "Jails and Containers" (freebsd/freebsd-doc:
// documentation/content/en/books/handbook/jails/_index.adoc), section "Creating a VNET Jail"
// ([[creating-vnet-jail]]): `path = "/usr/local/jails/containers/${name}"`, `host.hostname =
// "${name}"`, `mount.devfs`, `devfs_ruleset = 5`, `exec.start += "/bin/sh /etc/rc"` after the
// network commands, `exec.stop = "/bin/sh /etc/rc.shutdown"`. Ruleset 5 is devfsrules_jail_vnet in
// /etc/defaults/devfs.rules; jail(8) itself mounts with ruleset 4 when none is given (command.c
// run_command(), IP_MOUNT_DEVFS: `ruleset = "4"; /* devfsrules_jail */`).
//
// Every value here ends up both in a jail.conf(5) file and in one argv word of `jail -c`, run as root:
// the rules below keep each one a single, plain word or command that neither jail.conf's lexer nor
// jail(8)'s `name=value` split can read differently (no quotes, backslashes, `$` variable expansion,
// newlines or other control characters).

/** Where the Handbook puts jail roots ("Setting up the Jail Directory Tree"). */
export const HANDBOOK_JAILS_DIR = '/usr/local/jails/containers';
export const HANDBOOK_EXEC_START = '/bin/sh /etc/rc';
export const HANDBOOK_EXEC_STOP = '/bin/sh /etc/rc.shutdown';
/** devfsrules_jail_vnet, the Handbook's choice for a VNET jail. */
export const HANDBOOK_VNET_DEVFS_RULESET = 5;

/** Who else may define a jail that Patchbay only wires up. */
export const JAIL_MANAGERS = ['jail.conf', 'bastille', 'appjail', 'other'] as const;
export type JailManager = (typeof JAIL_MANAGERS)[number];

const PATH_WORD = /^[A-Za-z0-9._+@,=-]+$/;

/** A jail's root directory: absolute, plain path components, no `.`/`..`, no trailing slash. */
export const JailPathSchema = z
  .string()
  .max(1023, 'path is at most 1023 characters (PATH_MAX is 1024)')
  .refine((path) => path.startsWith('/'), 'path must be absolute (start with "/"): jail(8) refuses a relative root')
  .refine(
    (path) =>
      path !== '/' &&
      path
        .slice(1)
        .split('/')
        .every((part) => PATH_WORD.test(part) && !/^\.\.?$/.test(part)),
    'path is made of plain components (letters, digits, . _ - + @ , =) between single slashes, with no "." or ".." component and no trailing slash; "/" itself is the network-only jail',
  );

/** An exec.start / exec.stop command: one line that jail.conf and jail(8) pass on unchanged. */
export const JailCommandSchema = z
  .string()
  .min(1, 'the command is empty; clear the field to use the Handbook default instead')
  .max(1024, 'the command is at most 1024 characters')
  .regex(
    /^[^\x00-\x1f\x7f"'\\$`]+$/,
    'the command may not hold quotes, backslashes, "$", "`", newlines or other control characters (jail.conf would expand or end the string there)',
  );

/** devfs(8) ruleset numbers are 16 bits (sys/fs/devfs/devfs.h: `typedef uint16_t devfs_rsnum;`). */
export const DevfsRulesetSchema = z
  .number()
  .int('the devfs ruleset is a whole number')
  .min(0, 'the devfs ruleset is 0 (none) to 65535')
  .max(65535, 'the devfs ruleset is 0 (none) to 65535');

export const JailRootSchema = z.discriminatedUnion('kind', [
  /** A jail Patchbay creates with a root of its own: a FreeBSD userland extracted at `path` beforehand. */
  z.strictObject({
    kind: z.literal('directory'),
    /** Absent: /usr/local/jails/containers/<jail name>. */
    path: JailPathSchema.optional(),
    execStart: JailCommandSchema.default(HANDBOOK_EXEC_START),
    execStop: JailCommandSchema.default(HANDBOOK_EXEC_STOP),
    mountDevfs: z.boolean().default(true),
    /** Absent: jail(8)'s own default (4) when devfs is mounted. */
    devfsRuleset: DevfsRulesetSchema.optional(),
  }),
  /** A persistent vnet jail with no root of its own: it shares the host's, runs no rc; for labs. */
  z.strictObject({ kind: z.literal('network-only') }),
  /** Another tool defines, starts and stops this jail; Patchbay only moves interfaces in and configures them. */
  z.strictObject({ kind: z.literal('external'), manager: z.enum(JAIL_MANAGERS) }),
]);

export type JailRoot = z.output<typeof JailRootSchema>;
export type DirectoryRoot = Extract<JailRoot, { kind: 'directory' }>;

/** What a new jail gets in the editor: the Handbook's VNET jail. */
export function handbookRoot(): DirectoryRoot {
  return {
    kind: 'directory',
    execStart: HANDBOOK_EXEC_START,
    execStop: HANDBOOK_EXEC_STOP,
    mountDevfs: true,
    devfsRuleset: HANDBOOK_VNET_DEVFS_RULESET,
  };
}

/**
 * A jail's root as it means: an absent `root` is the network-only jail every design meant before the
 * field existed (format version 2 keeps reading the same, so no migration is needed).
 */
export function rootOf(jail: { root?: JailRoot }): JailRoot {
  return jail.root ?? { kind: 'network-only' };
}

/** The directory a rooted jail lives in: its own `path`, or the Handbook's place for its name. */
export function rootPath(root: DirectoryRoot, jailName: string): string {
  return root.path ?? `${HANDBOOK_JAILS_DIR}/${jailName}`;
}

/** Whether another tool creates and removes this jail (Patchbay never runs jail -c/-r/-m for it). */
export function isExternal(jail: { root?: JailRoot }): boolean {
  return jail.root?.kind === 'external';
}

export const MANAGER_LABELS: Readonly<Record<JailManager, string>> = {
  'jail.conf': 'jail.conf (/etc/jail.conf or another jail.conf(5) file)',
  bastille: 'Bastille',
  appjail: 'AppJail',
  other: 'another tool',
};
