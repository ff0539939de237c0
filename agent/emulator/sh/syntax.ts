// The shape of the few sh(1) constructs the emulator runs (see parse.ts for which ones and why).

/** One piece of a word: literal text, or a parameter expansion, each remembering whether it was quoted. */
export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  /** $NAME, ${NAME} or ${NAME%suffix} (a literal suffix: no pattern characters). */
  | { kind: 'parameter'; name: string; removeSuffix?: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
  /** The word as written, for messages. */
  source: string;
}

/** `2>/dev/null` or `>/dev/null`: the only redirections accepted. */
export interface Redirect {
  fd: 1 | 2;
}

export interface SimpleCommand {
  kind: 'simple';
  words: Word[];
  redirects: Redirect[];
}

/** `NAME=$(simple command)`: an assignment-only command whose value is a command substitution. */
interface Assignment {
  kind: 'assignment';
  name: string;
  substitution: SimpleCommand;
}

export type ShCommand = SimpleCommand | Assignment;

/** An and-or list: `a && b || c`, run left to right (sh has no precedence between && and ||). */
export interface AndOrList {
  first: ShCommand;
  rest: { operator: '&&' | '||'; command: ShCommand }[];
}
