// The only ways a value gets into a rendered FreeBSD file. Every renderer goes through these, so a
// hostile string ("$(reboot)", a quote, a newline) is either quoted so that it stays one literal
// value, or refused with an error that names the field it came from.
// It sits in text/, below the renderers, so validation can refuse a value for the same reason a
// renderer would (rules-identity.ts) without depending on the renderers, which depend on the planner.

/** A value that cannot be written safely; `field` says where it came from ("jail www: hostname"). */
export class RenderError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'RenderError';
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * rc.conf is a /bin/sh script (rc.subr sources it), so a value is a double-quoted sh string. Inside
 * double quotes sh still expands `$`, backticks and `\`, and a `"` ends the string; rather than escape
 * them (and then meet them again when network.subr `eval`s the value) we refuse them, and every
 * control character with them (a newline would start a new rc.conf line).
 */
export function rcQuote(value: string, field: string): string {
  if (CONTROL.test(value))
    throw new RenderError(field, 'contains a line break or control character, which rc.conf cannot hold');
  const bad = /["\\$`]/.exec(value);
  if (bad)
    throw new RenderError(
      field,
      `contains ${JSON.stringify(bad[0])}, which is special inside a double-quoted rc.conf value`,
    );
  return `"${value}"`;
}

// One word of an ifconfig_<if> value. freebsd/freebsd-src:libexec/rc/network.subr `ifconfig_up` runs
// `eval ${IFCONFIG_CMD} $1 ${ifconfig_args}`, so the value is parsed by sh a second time: a word must
// not carry anything sh gives meaning to. Names, addresses, MACs and numbers fit this set.
const RC_EVAL_WORD = /^[A-Za-z0-9_.:/%-]+$/;

/** Words for an `ifconfig_<if>` / `ifconfig_<if>_aliasN` value, which network.subr evaluates. */
export function rcIfconfigValue(words: string[], field: string): string {
  for (const word of words) {
    if (!RC_EVAL_WORD.test(word))
      throw new RenderError(
        field,
        `${JSON.stringify(word)} is not a plain word; network.subr evaluates ifconfig_ values with eval, so only letters, digits and "_.:/%-" are written there`,
      );
  }
  return rcQuote(words.join(' '), field);
}

/**
 * `ifconfig_<if>_descr` is read through `eval echo \${...}` (network.subr get_if_var) and passed on
 * quoted, so it is not evaluated again, but it is split into words and globbed by that echo: a run
 * of spaces would shrink to one and `*`, `?`, `[` could expand to file names. Those are refused too.
 */
export function rcDescription(value: string, field: string): string {
  if (/[*?[\]]/.test(value))
    throw new RenderError(field, 'contains "*", "?" or "[", which network.subr would expand as a file name pattern');
  if (/\s\s|^\s|\s$/.test(value))
    throw new RenderError(field, 'has leading, trailing or repeated spaces, which network.subr would collapse');
  if (/'/.test(value)) throw new RenderError(field, 'contains "\'"; Patchbay keeps quotes out of rc.conf descriptions');
  return rcQuote(value, field);
}

/**
 * The part of an rc.conf variable name made from an interface name. network.subr `get_if_var`
 * replaces the characters ".-/+" with "_" before it looks a variable up (`_punct=".-/+"; ltr ...`),
 * so `em0.2` is configured by `ifconfig_em0_2`. Any other character cannot appear in an sh variable
 * name and is refused.
 */
export function rcInterfaceVar(name: string, field: string): string {
  const mapped = name.replace(/[.\-/+]/g, '_');
  if (!/^[A-Za-z0-9_]+$/.test(mapped))
    throw new RenderError(field, `interface name ${JSON.stringify(name)} cannot be part of an rc.conf variable name`);
  return mapped;
}

// A word sh reads as itself: no quoting needed. Anything else is single-quoted.
const SH_PLAIN = /^[A-Za-z0-9_.:/%=@+,-]+$/;

/** One sh word: as is when plain, else in single quotes ('\'' for a quote inside). */
export function shQuote(word: string, field: string): string {
  if (CONTROL.test(word))
    throw new RenderError(field, 'contains a line break or control character, which cannot go into a command');
  if (word !== '' && SH_PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An sh command line from words, each quoted as needed. */
export function shCommand(words: string[], field: string): string {
  return words.map((w) => shQuote(w, field)).join(' ');
}

/**
 * A double-quoted jail.conf(5) string. The lexer (freebsd/freebsd-src:usr.sbin/jail/jaillex.l,
 * `text2lval`) takes a backslash as an escape for the next character and substitutes `$name` /
 * `${name}` inside double quotes unless the `$` is escaped. So `\`, `"` and `$` are escaped, and
 * control characters refused: a newline inside an exec.* string would end the shell command there.
 */
export function jailQuote(value: string, field: string): string {
  if (CONTROL.test(value))
    throw new RenderError(
      field,
      'contains a line break or control character, which Patchbay does not write into jail.conf',
    );
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/**
 * A jail name as the head of a jail.conf block. jaillex.l reads letters, digits and `_-.` (among
 * others) as one unquoted token; a name outside that set is written quoted.
 */
export function jailName(name: string, field: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(name) ? name : jailQuote(name, field);
}
