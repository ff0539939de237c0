import { unsupported } from '../commands/output';
import type { AndOrList, ShCommand, Redirect, SimpleCommand, Word, WordPart } from './syntax';

// A strict reader for the sh(1) that jail(8) hands exec.* strings to (usr.sbin/jail/command.c
// run_command: "/bin/sh -c <string>" when the string has a shell metacharacter; docs/freebsd/jail.md
// "How an exec.* string runs"). It reads exactly what Patchbay's renderer and Bastille write:
//
//   - simple commands: words of unquoted safe characters, 'single-quoted' or "double-quoted" text;
//   - parameter expansion $NAME, ${NAME}, ${NAME%suffix} with a literal suffix, in or out of "";
//   - an assignment-only command NAME=$(one simple command);
//   - and-or lists joined by && and ||;
//   - the redirections 2>/dev/null and >/dev/null after a command's words.
//
// Everything else (;, |, &, (, ), <, >>, backquotes, backslashes, globs, ~, #, $(( )), $1, $@,
// ${x:-y}, newlines, NAME=value before a command ...) is refused with "sh: emulator: unsupported:
// construct: ...": the emulator does not guess what sh would do. The whole string is parsed before
// anything runs, so a refusal never leaves half a line executed.

/** Characters a word may hold unquoted: letters, digits and `_ . / : , = + @ % -`. */
const SAFE = /[A-Za-z0-9_./:,=+@%-]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function refuse(what: string): never {
  return unsupported('sh', `construct: ${what}`);
}

class Reader {
  at = 0;
  constructor(readonly text: string) {}
  peek(offset = 0): string | undefined {
    return this.text[this.at + offset];
  }
  done(): boolean {
    return this.at >= this.text.length;
  }
  skipBlanks() {
    while (this.peek() === ' ' || this.peek() === '\t') this.at++;
  }
}

/** `$NAME`, `${NAME}` or `${NAME%suffix}`, with the reader on the `$`. */
function readParameter(reader: Reader, quoted: boolean): WordPart {
  reader.at++;
  if (reader.peek() !== '{') {
    const name = NAME.exec(reader.text.slice(reader.at))?.[0];
    if (!name) return refuse(`"$${reader.peek() ?? ''}" (only $NAME, \${NAME} and \${NAME%suffix} are read)`);
    reader.at += name.length;
    return { kind: 'parameter', name, quoted };
  }
  const close = reader.text.indexOf('}', reader.at);
  if (close < 0) return refuse('an unterminated ${');
  const inner = reader.text.slice(reader.at + 1, close);
  reader.at = close + 1;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:%([A-Za-z0-9_./:,=+@-]+))?$/.exec(inner);
  if (!match) return refuse(`"\${${inner}}" (only \${NAME} and \${NAME%literal-suffix} are read)`);
  return { kind: 'parameter', name: match[1]!, ...(match[2] !== undefined ? { removeSuffix: match[2] } : {}), quoted };
}

/** The inside of "...": literal text and parameter expansions; backslashes, backquotes and $( are refused. */
function readDoubleQuoted(reader: Reader, parts: WordPart[]) {
  reader.at++;
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal, quoted: true });
    literal = '';
  };
  for (;;) {
    const c = reader.peek();
    if (c === undefined) return refuse('an unterminated double-quoted string');
    if (c === '"') break;
    if (c === '\\' || c === '`') return refuse(`"${c}" inside double quotes`);
    if (c === '$') {
      if (reader.peek(1) === '(') return refuse('$( inside double quotes (only NAME=$(command) is read)');
      flush();
      parts.push(readParameter(reader, true));
      continue;
    }
    literal += c;
    reader.at++;
  }
  flush();
  reader.at++;
}

/** The text of `$( ... )` up to its closing parenthesis (quotes respected), with the reader on the `$`. */
function readSubstitutionText(reader: Reader): string {
  const start = reader.at + 2;
  let quote: string | undefined;
  for (let i = start; i < reader.text.length; i++) {
    const c = reader.text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') return refuse('a nested parenthesis inside $( )');
    else if (c === ')') {
      reader.at = i + 1;
      return reader.text.slice(start, i);
    }
  }
  return refuse('an unterminated $(');
}

type Token =
  | { kind: 'word'; word: Word }
  | { kind: 'operator'; operator: '&&' | '||' }
  | { kind: 'redirect'; redirect: Redirect }
  | { kind: 'substitution'; name: string; text: string };

function readWord(reader: Reader): Token {
  const start = reader.at;
  const parts: WordPart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal, quoted: false });
    literal = '';
  };
  for (;;) {
    const c = reader.peek();
    if (c === undefined || c === ' ' || c === '\t') break;
    if (c === "'") {
      const close = reader.text.indexOf("'", reader.at + 1);
      if (close < 0) return refuse('an unterminated single-quoted string');
      flush();
      parts.push({ kind: 'literal', text: reader.text.slice(reader.at + 1, close), quoted: true });
      reader.at = close + 1;
    } else if (c === '"') {
      flush();
      readDoubleQuoted(reader, parts);
    } else if (c === '$') {
      if (reader.peek(1) === '(') {
        // Only as a whole word NAME=$(...): the assignment-only command.
        const name = /^([A-Za-z_][A-Za-z0-9_]*)=$/.exec(reader.text.slice(start, reader.at))?.[1];
        if (!name || parts.length > 0) return refuse('$( ) outside an assignment-only command NAME=$(command)');
        const text = readSubstitutionText(reader);
        const next = reader.peek();
        if (next !== undefined && next !== ' ' && next !== '\t') return refuse('text right after $( )');
        return { kind: 'substitution', name, text };
      }
      flush();
      parts.push(readParameter(reader, false));
    } else if (c === '>' && literal === '' && parts.length === 0 && reader.at === start) {
      return readRedirect(reader, 1);
    } else if (c === '2' && reader.peek(1) === '>' && reader.at === start) {
      reader.at++;
      return readRedirect(reader, 2);
    } else if (SAFE.test(c)) {
      literal += c;
      reader.at++;
    } else if (c === '~' && reader.at === start) {
      return refuse('tilde expansion');
    } else if (c === '#' && reader.at === start) {
      return refuse('a comment');
    } else if (c === '*' || c === '?' || c === '[') {
      return refuse(`the unquoted pattern character "${c}"`);
    } else {
      return refuse(`the character "${c === '\n' ? '\\n' : c}"`);
    }
  }
  flush();
  return { kind: 'word', word: { parts, source: reader.text.slice(start, reader.at) } };
}

/** `>/dev/null` or `2>/dev/null` (a blank after `>` is allowed, as in sh); anything else is refused. */
function readRedirect(reader: Reader, fd: 1 | 2): Token {
  reader.at++;
  if (reader.peek() === '>' || reader.peek() === '&' || reader.peek() === '|')
    return refuse(`the redirection "${fd === 2 ? '2' : ''}>${reader.peek()}"`);
  reader.skipBlanks();
  const target = /^[^ \t]*/.exec(reader.text.slice(reader.at))![0];
  if (target !== '/dev/null') return refuse(`a redirection to "${target}" (only >/dev/null and 2>/dev/null are read)`);
  reader.at += target.length;
  return { kind: 'redirect', redirect: { fd } };
}

function tokenize(text: string): Token[] {
  const reader = new Reader(text);
  const tokens: Token[] = [];
  for (;;) {
    reader.skipBlanks();
    const c = reader.peek();
    if (c === undefined) return tokens;
    if (c === '&' || c === '|') {
      if (reader.peek(1) !== c) return refuse(`"${c}" (only && and || join commands)`);
      tokens.push({ kind: 'operator', operator: c === '&' ? '&&' : '||' });
      reader.at += 2;
      continue;
    }
    if (
      c === ';' ||
      c === '(' ||
      c === ')' ||
      c === '<' ||
      c === '`' ||
      c === '\\' ||
      c === '{' ||
      c === '}' ||
      c === '!'
    )
      return refuse(`"${c}"`);
    tokens.push(readWord(reader));
  }
}

function simpleCommand(tokens: Token[], source: string): SimpleCommand {
  const words: Word[] = [];
  const redirects: Redirect[] = [];
  for (const token of tokens) {
    if (token.kind === 'word') {
      if (redirects.length > 0) return refuse(`a word after a redirection in "${source}"`);
      words.push(token.word);
    } else if (token.kind === 'redirect') redirects.push(token.redirect);
    else if (token.kind === 'substitution') return refuse(`an assignment inside a command: "${source}"`);
    else return refuse(`"${token.operator}" inside $( )`);
  }
  if (words.length === 0) return refuse(`a command without words: "${source}"`);
  // A leading NAME=value word is an assignment in sh, not the command name.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.source))
    return refuse(`the assignment "${words[0]!.source}" (only NAME=$(command) is read)`);
  return { kind: 'simple', words, redirects };
}

function command(tokens: Token[], source: string): ShCommand {
  const head = tokens[0];
  if (head?.kind === 'substitution') {
    if (tokens.length > 1) return refuse(`an assignment followed by more words: "${source}"`);
    const inner = tokenize(head.text);
    return { kind: 'assignment', name: head.name, substitution: simpleCommand(inner, head.text) };
  }
  return simpleCommand(tokens, source);
}

/** Parses a whole `sh -c` string into one and-or list; throws the emulator's refusal for anything else. */
export function parseScript(text: string): AndOrList {
  if (text.includes('\n')) return refuse('a newline (only one and-or list is read)');
  const tokens = tokenize(text);
  const commands: Token[][] = [[]];
  const operators: ('&&' | '||')[] = [];
  for (const token of tokens) {
    if (token.kind === 'operator') {
      operators.push(token.operator);
      commands.push([]);
    } else commands[commands.length - 1]!.push(token);
  }
  if (commands.some((c) => c.length === 0)) return refuse(`an empty command in "${text}"`);
  const [first, ...rest] = commands.map((c) => command(c, text));
  return { first: first!, rest: rest.map((c, i) => ({ operator: operators[i]!, command: c })) };
}
