import { BootFileError } from './boot-rc';

// A reader for the jail.conf(5) subset core/render/jail-conf.ts writes (reference §6): `#` comments,
// `.include "<glob>";`, and blocks `name { param; param = value; param += value; }` whose values are
// numbers, bare words or double-quoted strings with backslash escapes (jaillex.l text2lval). `$name`
// substitution inside strings is not done: the renderer escapes every `$` (quote.ts jailQuote), so
// an unescaped one is refused. jail.conf's `//` and `/* */` comments and `*` wildcard blocks are not
// read (the renderer never writes them).

export interface JailBlock {
  name: string;
  /** Parameter → its values in order; a boolean (`persist;`) has none. `=` resets, `+=` appends. */
  params: Map<string, string[]>;
}

export interface JailConf {
  includes: string[];
  jails: JailBlock[];
}

type Token = { kind: 'word' | 'string' | 'punct'; text: string; line: number };

function lex(path: string, text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ kind: 'punct', text: c, line });
      i++;
    } else if (c === '+' && text[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: '+=', line });
      i += 2;
    } else if (c === '=') {
      tokens.push({ kind: 'punct', text: '=', line });
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined || d === '\n') throw new BootFileError(path, line, 'unterminated string');
        if (d === '"') break;
        if (d === '\\') {
          const next = text[i + 1];
          if (next === undefined || next === '\n') throw new BootFileError(path, line, 'a backslash at the end of a line (not written by the renderer)');
          value += next;
          i += 2;
          continue;
        }
        if (d === '$') throw new BootFileError(path, line, 'variable substitution in a string is not read here');
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: value, line });
    } else {
      const m = /^[A-Za-z0-9_.\-/*]+/.exec(text.slice(i));
      if (!m) throw new BootFileError(path, line, `unexpected ${JSON.stringify(c)}`);
      tokens.push({ kind: 'word', text: m[0], line });
      i += m[0].length;
    }
  }
  return tokens;
}

export function readJailConf(path: string, text: string): JailConf {
  const tokens = lex(path, text);
  const conf: JailConf = { includes: [], jails: [] };
  let at = 0;
  const next = () => tokens[at++];
  const expect = (what: string) => {
    const t = next();
    if (!t || t.text !== what || t.kind === 'string') throw new BootFileError(path, t?.line ?? 0, `expected "${what}"`);
  };
  while (at < tokens.length) {
    const head = next()!;
    if (head.kind === 'word' && head.text === '.include') {
      const target = next();
      if (!target || target.kind === 'punct') throw new BootFileError(path, head.line, '.include needs a path');
      conf.includes.push(target.text);
      expect(';');
      continue;
    }
    if (head.kind === 'punct') throw new BootFileError(path, head.line, `unexpected "${head.text}"`);
    expect('{');
    const params = new Map<string, string[]>();
    for (;;) {
      const key = next();
      if (!key) throw new BootFileError(path, head.line, `block ${head.text} is not closed`);
      if (key.kind === 'punct' && key.text === '}') break;
      if (key.kind !== 'word') throw new BootFileError(path, key.line, `expected a parameter name, got "${key.text}"`);
      const op = next();
      if (op?.text === ';' && op.kind === 'punct') {
        params.set(key.text, []);
        continue;
      }
      if (!op || op.kind !== 'punct' || (op.text !== '=' && op.text !== '+=')) throw new BootFileError(path, key.line, `expected "=", "+=" or ";" after ${key.text}`);
      const value = next();
      if (!value || value.kind === 'punct') throw new BootFileError(path, key.line, `${key.text} has no value`);
      params.set(key.text, [...(op.text === '+=' ? (params.get(key.text) ?? []) : []), value.text]);
      expect(';');
    }
    conf.jails.push({ name: head.text, params });
  }
  return conf;
}

/**
 * An exec.* string as argv. jail(8) splits a string without shell metacharacters on white space and
 * runs it directly, and hands any other to `/bin/sh -c` (usr.sbin/jail/command.c run_command, as
 * reference §6 / jail-conf.ts read it). The emulator has no shell, so this takes sh's single and
 * double quotes (without expansion) and refuses `$`, backquotes, `;`, `&`, `|`, `<`, `>`, `(`, `)`:
 * the renderer's one-line epair rename for custom names (`e=$(ifconfig epair create) && ...`) is
 * therefore not bootable in the emulator, and is reported as such.
 */
export function execArgv(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`exec string with an unterminated quote: ${command}`);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = command.indexOf('"', i + 1);
      const inner = end < 0 ? undefined : command.slice(i + 1, end);
      if (inner === undefined || /[$`\\]/.test(inner)) throw new Error(`exec string needs /bin/sh, which the emulator does not run: ${command}`);
      word = (word ?? '') + inner;
      i = end;
    } else if (/[$`;&|<>()\\]/.test(c)) {
      throw new Error(`exec string needs /bin/sh, which the emulator does not run: ${command}`);
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
