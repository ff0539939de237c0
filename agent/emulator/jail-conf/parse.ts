import { unsupported } from '../commands/output';
import { lex, type ConfToken } from './lex';

// jail.conf(5)'s grammar, after usr.sbin/jail/jailparse.y (read at freebsd/freebsd-src commit
// 8d425bfd; docs/freebsd/jail.md "jail.conf syntax"):
//
//   conf    : (jail | param ';' | ';' | include)*
//   jail    : STR '{' (param ';' | ';')* '}'
//   param   : name | name '=' value | name '+=' value | name value
//   name    : STR | VAR                      (a VAR name defines a variable: `$x = ...;`)
//   value   : string (',' string)*
//   string  : (STR | VAR) (STR1 | VAR1)*     (pieces without blanks between them join up)
//
// Parameters outside any jail go to a wildcard jail "*" (a new one unless the last jail already is
// "*"). `.include "file";` is in jail.conf(5) since its Jun 3, 2023 text, but its implementation
// was not found in the stored source: it is read here at the top level only, with a literal file
// name or a `*` pattern in one component (docs/freebsd/jail.md "Unverified"). yacc's own wording
// for a syntax error was not read either, so a syntax error is refused as unsupported.

interface CfVar {
  name: string;
  /** Where the value goes in `text`. */
  pos: number;
}

/** One value: text with variable references still to substitute (config.c struct cfstring). */
export interface CfString {
  text: string;
  vars: CfVar[];
}

export interface CfParam {
  name: string;
  values: CfString[];
  /** `$name = ...`: a variable, used only for substitution. */
  isVar: boolean;
  /** `+=`: append to the values so far instead of replacing them. */
  append: boolean;
}

export interface CfJail {
  name: string;
  params: CfParam[];
}

interface ParsedConf {
  jails: CfJail[];
  /** warnx(3) lines (without "jail: "); any of them makes jail(8) exit 1 before doing anything. */
  errors: string[];
}

/** Reads a file of the emulated host; undefined when it does not exist. */
export type FileReader = (path: string) => string | undefined;
/** Lists the files of the emulated host. */
export type FileLister = () => Iterable<string>;

const MAX_INCLUDE_DEPTH = 8;

function syntaxError(file: string, token: ConfToken | undefined): never {
  return unsupported(
    'jail',
    `${file}${token ? ` line ${token.line}` : ''}: syntax error at ${token ? `"${token.text}"` : 'the end of the file'} (yacc's message is not verified)`,
  );
}

/** `.include` targets: a literal path, or a pattern with `*` inside one path component. */
function includeTargets(pattern: string, list: FileLister, read: FileReader): string[] {
  if (/[?[\]{}]/.test(pattern)) return unsupported('jail', `.include pattern "${pattern}" (only * is read)`);
  if (!pattern.includes('*')) {
    if (read(pattern) === undefined)
      return unsupported('jail', `.include of the missing file ${pattern} (FreeBSD's behaviour is not verified)`);
    return [pattern];
  }
  const matcher = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  // glob(3) sorts its matches; a pattern that matches nothing includes nothing (jail.conf(5)'s own
  // example relies on it with "jail[.]conf"; docs/freebsd/jail.md "Unverified").
  return [...list()].filter((path) => matcher.test(path)).sort();
}

class Parser {
  at = 0;
  constructor(
    readonly file: string,
    readonly tokens: ConfToken[],
  ) {}
  peek(): ConfToken | undefined {
    return this.tokens[this.at];
  }
  next(): ConfToken | undefined {
    return this.tokens[this.at++];
  }
  isPunct(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === text;
  }
  expectPunct(text: string) {
    if (!this.isPunct(text)) syntaxError(this.file, this.peek());
    this.at++;
  }

  /** string: a STR or VAR piece, then any STR1/VAR1 pieces joined to it. */
  string(): CfString {
    const head = this.next();
    if (!head || (head.kind !== 'STR' && head.kind !== 'VAR')) return syntaxError(this.file, head);
    const value: CfString = { text: '', vars: [] };
    const add = (t: ConfToken) => {
      if (t.kind === 'STR' || t.kind === 'STR1') value.text += t.text;
      else value.vars.push({ name: t.text, pos: value.text.length });
    };
    add(head);
    while (this.peek()?.kind === 'STR1' || this.peek()?.kind === 'VAR1') add(this.next()!);
    return value;
  }

  value(): CfString[] {
    const values = [this.string()];
    while (this.isPunct(',')) {
      this.at++;
      values.push(this.string());
    }
    return values;
  }

  param(): CfParam {
    const name = this.next();
    if (!name || (name.kind !== 'STR' && name.kind !== 'VAR')) return syntaxError(this.file, name);
    const param: CfParam = { name: name.text, values: [], isVar: name.kind === 'VAR', append: false };
    const t = this.peek();
    if (t?.kind === 'punct' && t.text === '=') {
      this.at++;
      param.values = this.value();
    } else if (t?.kind === 'PLEQ') {
      this.at++;
      param.values = this.value();
      param.append = true;
    } else if (t?.kind === 'STR' || t?.kind === 'VAR') {
      param.values = this.value();
    }
    return param;
  }
}

function parseInto(file: string, text: string, conf: ParsedConf, read: FileReader, list: FileLister, depth: number) {
  const { tokens, errors } = lex(file, text);
  conf.errors.push(...errors);
  const p = new Parser(file, tokens);
  try {
    parseTokens(p, file, conf, read, list, depth);
  } catch (error) {
    // jaillex.l has printed its own complaint; yacc would add its own, whose wording is not verified.
    if (errors.length && error instanceof Error)
      return unsupported(
        'jail',
        `${errors.join('; ')}; then ${error.message.replace(/^jail: emulator: unsupported: /, '').trim()}`,
      );
    throw error;
  }
}

function parseTokens(p: Parser, file: string, conf: ParsedConf, read: FileReader, list: FileLister, depth: number) {
  const lastWildcard = () => {
    const last = conf.jails[conf.jails.length - 1];
    if (last && last.name === '*') return last;
    const star: CfJail = { name: '*', params: [] };
    conf.jails.push(star);
    return star;
  };
  while (p.peek()) {
    const t = p.peek()!;
    if (t.kind === 'punct' && t.text === ';') {
      p.at++;
      continue;
    }
    if (t.kind === 'STR' && t.text === '.include') {
      p.at++;
      const target = p.string();
      if (target.vars.length)
        return unsupported(
          'jail',
          `${file} line ${t.line}: .include with a variable (jail.conf(5): "cannot contain variable expansions")`,
        );
      p.expectPunct(';');
      if (depth >= MAX_INCLUDE_DEPTH) return unsupported('jail', `.include nested deeper than ${MAX_INCLUDE_DEPTH}`);
      for (const path of includeTargets(target.text, list, read))
        parseInto(path, read(path) ?? '', conf, read, list, depth + 1);
      continue;
    }
    if (t.kind === 'STR' && p.tokens[p.at + 1]?.kind === 'punct' && p.tokens[p.at + 1]!.text === '{') {
      p.at += 2;
      const jail: CfJail = { name: t.text, params: [] };
      while (!p.isPunct('}')) {
        if (!p.peek()) return syntaxError(file, undefined);
        if (p.isPunct(';')) {
          p.at++;
          continue;
        }
        if (p.peek()!.kind === 'STR' && p.peek()!.text === '.include')
          return unsupported('jail', `${file} line ${p.peek()!.line}: .include inside a jail definition`);
        jail.params.push(p.param());
        p.expectPunct(';');
      }
      p.at++;
      conf.jails.push(jail);
      continue;
    }
    const param = p.param();
    p.expectPunct(';');
    lastWildcard().params.push(param);
  }
}

/** Parses `file` (and what it includes) into jail definitions, in file order. */
export function parseConf(file: string, text: string, read: FileReader, list: FileLister): ParsedConf {
  const conf: ParsedConf = { jails: [], errors: [] };
  parseInto(file, text, conf, read, list, 0);
  return conf;
}
