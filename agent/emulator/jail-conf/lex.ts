// jail.conf(5)'s lexer, after usr.sbin/jail/jaillex.l (read at freebsd/freebsd-src commit caa41f64;
// docs/freebsd/jail.md "jail.conf syntax"). Token kinds follow the flex rules:
//   STR / STR1  a string piece that starts a string / continues one (no blank in between);
//   VAR / VAR1  a $name or ${name} piece, likewise;
//   PLEQ        "+=";  punct  one of , ; = { };  other  any other single character.
// Comments (#, //, /* */), quotes and backslash escapes (text2lval) are handled here. Errors use
// jaillex.l's own wording ("<file> line <n>: unterminated string", ...).

type TokenKind = 'STR' | 'STR1' | 'VAR' | 'VAR1' | 'PLEQ' | 'punct' | 'other';

export interface ConfToken {
  kind: TokenKind;
  text: string;
  line: number;
}

interface Lexed {
  tokens: ConfToken[];
  /** warnx(3) lines from the lexer (without the "jail: " prefix); any of them fails the load. */
  errors: string[];
}

/** jaillex.l's atom: [A-Za-z0-9_!%&()\-.:<>?@\[\]^`|~]+ */
const ATOM = /^[A-Za-z0-9_!%&()\-.:<>?@[\]^`|~]+/;
const VAR_NAME = /^\$[A-Za-z_][A-Za-z_0-9]*/;

/** text2lval: backslash escapes, C style; a backslash-newline disappears. */
function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = raw[++i];
    if (d === undefined) break;
    if (d >= '0' && d <= '7') {
      let value = Number(d);
      for (let n = 0; n < 2 && raw[i + 1] !== undefined && raw[i + 1]! >= '0' && raw[i + 1]! <= '7'; n++)
        value = value * 8 + Number(raw[++i]);
      out += String.fromCharCode(value & 0xff);
      continue;
    }
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\n': '',
    };
    if (d in simple) {
      out += simple[d];
      continue;
    }
    if (d === 'x') {
      const hex = /^[0-9A-Fa-f]{1,2}/.exec(raw.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(hex ? parseInt(hex, 16) : 0);
      i += hex.length;
      continue;
    }
    out += d;
  }
  return out;
}

/** Index of the closing quote of a string opened at `open`, skipping \\-escapes; -1 when none. */
function closingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

export function lex(file: string, text: string): Lexed {
  const tokens: ConfToken[] = [];
  const errors: string[] = [];
  let line = 1;
  // jaillex.l `instr`: a piece right after another piece (no blank) continues the same string.
  let instr = false;
  const piece = (kind: 'STR' | 'VAR', value: string) => {
    tokens.push({ kind: instr ? (kind === 'STR' ? 'STR1' : 'VAR1') : kind, text: value, line });
    instr = true;
  };
  const countLines = (s: string) => {
    for (const c of s) if (c === '\n') line++;
  };

  /** A double-quoted string's inside: literal runs and variables (jaillex.l <DQ> rules). */
  const doubleQuoted = (inner: string) => {
    let literal = '';
    let first = true;
    const flush = (force: boolean) => {
      if (literal || force) piece('STR', unescape(literal));
      countLines(literal);
      literal = '';
    };
    for (let i = 0; i < inner.length;) {
      const c = inner[i]!;
      if (c === '\\') {
        literal += inner.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '$') {
        const simple = VAR_NAME.exec(inner.slice(i))?.[0];
        const braced = inner[i + 1] === '{' ? /^\$\{((?:[^\n"{}\\]|\\[\s\S])*)\}/.exec(inner.slice(i)) : null;
        if (simple || braced) {
          // The text before the first variable is a piece even when empty (text2lval stops at '$').
          flush(first);
          first = false;
          piece('VAR', simple ? simple.slice(1) : unescape(braced![1]!));
          i += (simple ?? braced![0]).length;
          continue;
        }
        if (inner[i + 1] === '{') {
          errors.push(`${file} line ${line}: unterminated variable`);
          return;
        }
      }
      literal += c;
      i++;
    }
    flush(first);
  };

  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === ' ' || c === '\t') {
      instr = false;
      i++;
    } else if (c === '\n') {
      line++;
      instr = false;
      i++;
    } else if (c === '#' || rest.startsWith('//')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        errors.push(`${file} line ${line}: unterminated comment`);
        countLines(rest);
        i = text.length;
      } else {
        countLines(text.slice(i, end + 2));
        instr = false;
        i = end + 2;
      }
    } else if (rest.startsWith('+=')) {
      tokens.push({ kind: 'PLEQ', text: '+=', line });
      instr = false;
      i += 2;
    } else if (',;={}'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, line });
      instr = false;
      i++;
    } else if (c === "'" || c === '"') {
      const close = closingQuote(text, i, c);
      if (close < 0) {
        errors.push(`${file} line ${line}: unterminated string`);
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      const inner = text.slice(i + 1, close);
      if (c === "'") {
        piece('STR', unescape(inner));
        countLines(inner);
      } else doubleQuoted(inner);
      i = close + 1;
    } else if (c === '$' && (VAR_NAME.test(rest) || rest[1] === '{')) {
      const simple = VAR_NAME.exec(rest)?.[0];
      if (simple) {
        piece('VAR', simple.slice(1));
        i += simple.length;
        continue;
      }
      const braced = /^\$\{((?:[^\n{}\\]|\\[\s\S])*)\}/.exec(rest);
      if (!braced) {
        errors.push(`${file} line ${line}: unterminated variable`);
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      piece('VAR', unescape(braced[1]!));
      countLines(braced[0]);
      i += braced[0].length;
    } else if (c === '\\') {
      const escape = /^\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|[\s\S])/.exec(rest)?.[0] ?? '\\';
      piece('STR', unescape(escape));
      countLines(escape.slice(1));
      i += escape.length;
    } else if (ATOM.test(rest)) {
      const atom = ATOM.exec(rest)![0];
      piece('STR', atom);
      i += atom.length;
    } else if ('$*+/'.includes(c)) {
      piece('STR', c);
      i++;
    } else {
      tokens.push({ kind: 'other', text: c, line });
      i++;
    }
  }
  return { tokens, errors };
}
