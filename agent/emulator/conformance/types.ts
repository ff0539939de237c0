import type { FreebsdEmulator } from '../emulator';
import type { NicSpec } from '../host';
import type { HostStateView } from './host-view';

// The shape of a conformance entry. Every command line in this corpus is copied from FreeBSD's own
// material (tests, man pages, example scripts, the Handbook) or from BastilleBSD, and carries where it
// was copied from. See docs/freebsd/conformance.md.

/** One command, as `runSync` takes it. `jail` runs it the way `jexec <jail> <argv...>` does. */
export interface CommandStep {
  argv: string[];
  jail?: string;
  stdin?: string;
}

export interface RepoSource {
  /** owner/name on GitHub. */
  repo: string;
  path: string;
  /** The first 8 hex digits of the commit the text was read at. */
  commit: string;
  /** Test case, function, section or line number. */
  where: string;
}

/** A page address, for sources that are not a file in a repository. */
export interface PageSource {
  url: string;
  where: string;
}

/** What the host needs before `setup` runs: NICs (boot-time hardware) and files (e.g. /etc/pf.conf). */
interface HostNeeds {
  nics?: NicSpec[];
  files?: Record<string, string>;
}

interface EntryBase {
  /** Unique, stable: `<command>.<what>`. */
  id: string;
  source: RepoSource | PageSource;
  /** How shell variables were instantiated, what was adapted, and anything else a reader must know. */
  note?: string;
  /** The release the line is valid on; default '14'. A line that needs 15 says '15'. */
  release?: '14' | '15';
  host?: HostNeeds;
  /** Commands that bring the host to the state the source assumes; each must itself be correct FreeBSD. */
  setup: CommandStep[];
  run: CommandStep;
}

export interface AcceptedEntry extends EntryBase {
  expect: { code: 0; stdout?: string | RegExp };
  /** The documented effect, checked with expect() on the host state or on a follow-up listing. */
  effect: (host: FreebsdEmulator) => void;
}

export interface RejectedEntry extends EntryBase {
  /** `code` is the exit status FreeBSD's source gives; stdout only where the source prints there. */
  expect: { code: number; stderr: string | RegExp; stdout?: string | RegExp };
  /** The FreeBSD source that refuses the line: file, function and the line that prints the error. */
  rejectedBy: { path: string; function: string; line: string };
  /**
   * What FreeBSD changes before it stops (ifconfig applies parameters in order and stops at the
   * first error). Applied to the view taken before the run; the view after must equal it. Without
   * it, the whole host state must be unchanged.
   */
  changes?: (view: HostStateView) => void;
}
