// The exit codes are part of the CLI's contract (README "From the shell", docs/ci.md): scripts and CI
// jobs branch on them, so a code never changes meaning.
export const EXIT = {
  /** Everything asked for was done, and nothing was found wrong. */
  ok: 0,
  /** The design has problems, or the audit found a broken intent (or, with --fail-on-new-lan, a new path). */
  problems: 1,
  /** The command line was wrong: an unknown subcommand or option, a missing argument, an unreadable file. */
  usage: 2,
  /** The host's agent could not be reached, or answered as something other than a Patchbay agent. */
  unreachable: 3,
  /** An apply failed, or was not confirmed, and the host was rolled back. */
  applyFailed: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
