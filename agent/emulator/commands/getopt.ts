import { unsupported } from './output';

interface GetoptSpec {
  /** The option letters the program knows (its optstring without the colons). */
  known: string;
  /** The letters among them that take an argument (followed by ":" in the optstring). */
  withArgument: string;
}

interface GetoptResult {
  /** (letter, argument) in command-line order; the argument only for letters that take one. */
  options: [string, string | undefined][];
  /** The words after the options. */
  operands: string[];
}

/**
 * getopt(3) as the jail, jls, jexec and pfctl main() functions call it (lib/libc/stdlib/getopt.c):
 * options end at the first word that does not start with "-", at a lone "-", or at "--", which is
 * consumed; letters may be clustered ("-sr", "-eq"); a letter that takes an argument takes the rest
 * of its word, or else the next word. getopt's own messages for an unknown letter or a missing
 * argument are followed by each program's usage(), whose text is not modelled: both are refused.
 */
export function getopt(command: string, args: string[], spec: GetoptSpec): GetoptResult {
  const options: [string, string | undefined][] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let k = 1; k < arg.length; k++) {
      const letter = arg[k]!;
      if (!spec.known.includes(letter)) unsupported(command, `option -${letter}`);
      if (!spec.withArgument.includes(letter)) {
        options.push([letter, undefined]);
        continue;
      }
      const value = k + 1 < arg.length ? arg.slice(k + 1) : args[++i];
      if (value === undefined)
        unsupported(command, `-${letter} without its argument (getopt's message and the usage are not modelled)`);
      options.push([letter, value]);
      break;
    }
  }
  return { options, operands: args.slice(i) };
}
