// pf.conf(5) lexing: one statement per logical line (a trailing `\` continues it), `#` comments,
// quoted strings, and `{ } ( ) , !` as tokens of their own. `<table>` stays one word.

export interface Token {
  text: string;
  /** Written in quotes: never a keyword, never a macro. */
  quoted: boolean;
}

export interface Statement {
  /** 1-based line of the statement's first line in the text. */
  line: number;
  tokens: Token[];
  /** The statement as written: comments and `\` continuations gone, runs of blanks outside quotes made one space. */
  text?: string;
}

const SINGLE = new Set(['{', '}', '(', ')', ',', '!']);

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

export function tokenizeLine(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return { error: 'a quote is not closed' };
      tokens.push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else if (c === '!' && text[i + 1] === '=') {
      tokens.push({ text: '!=', quoted: false });
      i += 2;
    } else if (SINGLE.has(c)) {
      tokens.push({ text: c, quoted: false });
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s"{}(),]/.test(text[j]!) && !(text[j] === '!' && j > i)) j++;
      tokens.push({ text: text.slice(i, j), quoted: false });
      i = j;
    }
  }
  return tokens;
}

/**
 * Splits pf text into statements. A `{` that ends a line opens an anchor body, and the body's lines
 * are statements of their own (as `pfctl -sr -a '*'` prints them); `}` alone closes it.
 */
export function statements(text: string): { statements: Statement[]; errors: { line: number; message: string }[] } {
  const out: Statement[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const first = n;
    let logical = stripComment(lines[n]!);
    // A trailing `\` continues the statement; so does a brace list (of a table, a macro, a rule),
    // which may span lines without backslashes (parse.y allows newlines inside braces), in any mix.
    // A list never left open swallows no further statement: joining stops before a line that starts one.
    while (n + 1 < lines.length) {
      if (logical.trimEnd().endsWith('\\')) logical = `${logical.trimEnd().slice(0, -1)} ${stripComment(lines[++n]!)}`;
      else if (opensList(logical) && !startsStatement(stripComment(lines[n + 1]!)))
        logical = `${logical} ${stripComment(lines[++n]!)}`;
      else break;
    }
    if (logical.trim() === '') continue;
    const tokens = tokenizeLine(logical);
    if ('error' in tokens) errors.push({ line: first + 1, message: tokens.error });
    else out.push({ line: first + 1, tokens, text: collapse(logical) });
  }
  return { statements: out, errors };
}

/** Words that begin a statement of their own, and never appear inside a `{ list }` (`no-route` may). */
const STATEMENT_WORDS =
  /^\s*(pass|block|match|anchor|nat-anchor|rdr-anchor|binat-anchor|load|nat|rdr|binat|no|table|set|scrub|antispoof|altq|queue|ether|include)(?![\w.-])/;

function startsStatement(line: string): boolean {
  return STATEMENT_WORDS.test(line) || /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line);
}

/** Trims and makes each run of blanks outside quotes one space. */
function collapse(line: string): string {
  let out = '';
  let quoted = false;
  for (const c of line.trim()) {
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === ' ' || c === '\t' || c === '\r')) {
      if (!out.endsWith(' ')) out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * More `{` than `}` outside quotes: a list (of a table, a macro, a rule) goes on on the next line.
 * Only an anchor rule that ends its line with `{` opens a body instead.
 */
function opensList(line: string): boolean {
  const bare = line.replace(/"[^"]*"/g, '""');
  const open = (bare.match(/{/g) ?? []).length;
  const close = (bare.match(/}/g) ?? []).length;
  if (open <= close) return false;
  const opensAnchorBody = /^\s*((nat|rdr|binat)-)?anchor\b/.test(bare) && /{\s*$/.test(bare) && open === close + 1;
  return !opensAnchorBody;
}
