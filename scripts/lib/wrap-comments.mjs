// Re-wraps comment lines longer than the print width at word boundaries. Prettier leaves comments
// as they are, so this is the step that brings long `//` and `/** */` lines under 120 characters.
//
// What it touches: whole-line `//` comments (a run of them at one indentation is one paragraph
// group) and the lines of block comments that stand on lines of their own. Comments are found by
// TypeScript's parser, so text inside strings, template literals, regular expressions and JSX is
// never mistaken for a comment; a comment after code on the same line is left alone.
//
// How it wraps: a long line is broken greedily at spaces, keeping its indentation and prefix
// (`// `, ` * `); the words that spill over are carried into the next line when that line goes on
// with the same prose (same prefix, not blank, not a list item or @tag, not indented text), and that
// line is re-wrapped in turn. List items and @tags wrap with a hanging indent. It never splits a
// word: a line holding a word too long to fit on any line (a URL) is left as it is. Indented text
// (examples, tables), text with runs of spaces (aligned columns) and tool directives
// (`eslint-disable`, `@ts-expect-error`, `prettier-ignore`, triple-slash) are never re-wrapped.
// Lines that already fit are not touched, so running it twice changes nothing the second time.
import ts from 'typescript';

/** The width counted as a person sees it: code points, so `→` and `§` count once. */
export const widthOf = (line) => [...line].length;

const DIRECTIVE =
  /^(eslint-|eslint |@ts-|prettier-ignore|global |globals |#region|#endregion|istanbul |c8 |@vite-ignore|webpack)/;
const LIST_MARKER = /^([-*+•]|\d+[.)]) +/;
const TAG = /^@\w+ /;

function scriptKindOf(fileName) {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.(mjs|cjs|js)$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function parse(text, fileName) {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}

const isJsDoc = (node) => node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;

/** Every comment of the file as [pos, end, kind], from the trivia in front of (and after) each token. */
export function commentRanges(text, fileName = 'file.ts') {
  const source = parse(text, fileName);
  const found = new Map();
  const add = (ranges) => {
    for (const range of ranges ?? []) found.set(range.pos, range);
  };
  const visit = (node) => {
    // JSDoc nodes lie inside a comment already; JSX text has no trivia: scanning it as if it had
    // would read `// x` in a paragraph as a comment.
    if (isJsDoc(node)) return;
    if (node.kind !== ts.SyntaxKind.JsxText) {
      add(ts.getLeadingCommentRanges(text, node.getFullStart()));
      add(ts.getTrailingCommentRanges(text, node.getEnd()));
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  // A real comment never overlaps a token's text. Trivia scanned from the start of a list of JSX
  // children can: drop whatever lies inside a token (JSX text, a string, a template).
  const covered = new Uint8Array(text.length + 1);
  const mark = (node) => {
    if (isJsDoc(node)) return;
    const children = node.getChildren(source);
    if (children.length === 0) covered.fill(1, node.getStart(source), node.getEnd());
    else for (const child of children) mark(child);
  };
  mark(source);
  return [...found.values()].filter((r) => !covered.slice(r.pos, r.end).includes(1)).sort((a, b) => a.pos - b.pos);
}

/** The kinds and texts of the file's tokens, comments left out: equal before and after a rewrap. */
export function tokensOf(text, fileName = 'file.ts') {
  const source = parse(text, fileName);
  const tokens = [];
  const visit = (node) => {
    if (isJsDoc(node)) return;
    const children = node.getChildren(source);
    if (children.length === 0) tokens.push(`${node.kind}:${node.getText(source)}`);
    else for (const child of children) visit(child);
  };
  visit(source);
  return tokens;
}

/**
 * One comment line as a paragraph item. `line` is the line as it stands; `lead` is what stands
 * before the text on its first line (indentation and prefix), `rest` what stands before the text
 * on a line it wraps onto, `suffix` the block comment's closing ` *\/` when the line ends the
 * comment. `hang` of the line before decides whether indented text continues a list item.
 */
function item(line, lead, rest, body, suffix, hangBefore) {
  if (body.trim() === '') return { kind: 'blank', line };
  const extra = /^ */.exec(body)[0].length;
  const text = body.slice(extra).trimEnd();
  const aligned = / {2,}\S/.test(text) || /\t/.test(text);
  if (DIRECTIVE.test(text) || aligned) return { kind: 'pre', line };
  const marker = LIST_MARKER.exec(text) ?? TAG.exec(text);
  const prose = { kind: 'prose', line, lead, rest, indent: ' '.repeat(extra), text, suffix };
  if (marker) return { ...prose, start: true, hang: extra + (TAG.test(text) ? 2 : marker[0].length) };
  if (extra > 0 && extra !== hangBefore) return { kind: 'pre', line };
  return { ...prose, start: false, hang: extra };
}

/** Greedy wrap; undefined when a word does not fit on a line of its own. */
function wrapWords(words, first, next, width) {
  const lines = [];
  let line = first + words[0];
  for (const word of words.slice(1)) {
    if (widthOf(line) + 1 + widthOf(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = next + word;
    }
  }
  lines.push(line);
  return lines.every((l) => widthOf(l) <= width) ? lines : undefined;
}

/** Whether `next` goes on with the prose of `current`, so spilled words may flow into it. */
const continues = (current, next) =>
  next !== undefined &&
  next.kind === 'prose' &&
  !next.start &&
  current.suffix === '' &&
  next.lead === current.rest &&
  next.hang === current.hang;

/** Re-wraps a group of paragraph items; returns their lines. */
function wrapItems(items, width) {
  const out = [];
  let carry = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'prose' || (carry.length === 0 && widthOf(it.line) <= width)) {
      out.push(it.line);
      continue;
    }
    const words = it.text.split(' ').filter(Boolean);
    const next = it.rest + ' '.repeat(it.hang);
    const budget = width - widthOf(it.suffix);
    let lines;
    if (carry.length > 0) {
      lines = wrapWords([...carry, ...words], next, next, budget);
      if (lines === undefined) {
        // The carried words do not combine with this line: they stay a line of their own.
        out.push(next + carry.join(' '));
        lines = widthOf(it.line) > width ? wrapWords(words, it.lead + it.indent, next, budget) : [it.line];
        if (lines?.length === 1 && lines[0] === it.line) {
          carry = [];
          out.push(it.line);
          continue;
        }
      }
    } else {
      lines = wrapWords(words, it.lead + it.indent, next, budget);
    }
    carry = [];
    if (lines === undefined) {
      out.push(it.line);
      continue;
    }
    if (lines.length > 1 && continues(it, items[i + 1])) carry = lines.pop().slice(next.length).split(' ');
    lines[lines.length - 1] += it.suffix;
    out.push(...lines);
  }
  return out;
}

function lineStartOf(text, pos) {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function lineEndOf(text, pos) {
  const end = text.indexOf('\n', pos);
  return end === -1 ? text.length : end;
}

/** A run of whole-line `//` comments at one indentation, as items. */
function lineCommentItems(lines, indent) {
  const items = [];
  let hang = -1;
  for (const line of lines) {
    const after = line.slice(indent.length);
    const plain = !after.startsWith('///') && (after.length === 2 || after[2] === ' ');
    const lead = `${indent}// `;
    const it = plain ? item(line, lead, lead, after.slice(3), '', hang) : { kind: 'pre', line };
    hang = it.kind === 'prose' ? it.hang : -1;
    items.push(it);
  }
  return items;
}

/** A block comment standing on lines of its own, as items; undefined when its shape is not one this knows. */
function blockCommentItems(comment, indent, width) {
  const opener = comment.startsWith('/**') ? '/**' : '/*';
  const lines = comment.split('\n');
  const star = `${indent} * `;
  if (lines.length === 1) {
    if (widthOf(indent + comment) <= width) return undefined;
    const inner = comment.slice(opener.length, -2).trim();
    const it = item(star + inner, star, star, inner, '', -1);
    if (it.kind !== 'prose') return undefined;
    return { head: indent + opener, items: [it], tail: `${indent} */` };
  }
  const items = [];
  let hang = -1;
  for (const [index, raw] of lines.entries()) {
    const line = index === 0 ? indent + raw : raw;
    const last = index === lines.length - 1;
    let it;
    if (index === 0) {
      const body = raw.slice(opener.length);
      if (body.trim() === '') it = { kind: 'pre', line };
      else if (!body.startsWith(' ')) return undefined;
      else it = item(line, `${indent}${opener} `, star, body.slice(1), '', hang);
    } else if (last && /^\s*\*\/$/.test(line)) {
      it = { kind: 'pre', line };
    } else {
      const closing = last ? /\s*\*\/$/.exec(line) : null;
      const match = /^(\s*)\*( ?)(.*)$/.exec(closing ? line.slice(0, closing.index) : line);
      if (!match) return undefined;
      const [, space, gap, body] = match;
      if (body !== '' && gap === '') return undefined;
      const lead = `${space}* `;
      it = item(line, lead, lead, body, closing ? ' */' : '', hang);
    }
    hang = it.kind === 'prose' ? it.hang : -1;
    items.push(it);
  }
  return { head: undefined, items, tail: undefined };
}

/**
 * Re-wraps the long comment lines of one file's text. `fileName` picks the parser (TS, TSX, JS).
 * Throws when the result would parse to other tokens than the input (it never should).
 */
export function wrapComments(text, { fileName = 'file.ts', width = 120 } = {}) {
  if (text.includes('\r')) return text;
  const long = text.split('\n').some((line) => widthOf(line) > width);
  if (!long) return text;
  const edits = [];
  const ranges = commentRanges(text, fileName);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i];
    const start = lineStartOf(text, range.pos);
    const indent = text.slice(start, range.pos);
    if (!/^[ \t]*$/.test(indent)) continue;
    if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      let j = i;
      while (
        j + 1 < ranges.length &&
        ranges[j + 1].kind === ts.SyntaxKind.SingleLineCommentTrivia &&
        text.slice(ranges[j].end, ranges[j + 1].pos) === `\n${indent}`
      )
        j++;
      const lines = ranges.slice(i, j + 1).map((r) => indent + text.slice(r.pos, r.end));
      i = j;
      if (!lines.some((line) => widthOf(line) > width)) continue;
      const wrapped = wrapItems(lineCommentItems(lines, indent), width);
      edits.push({ start, end: ranges[j].end, text: wrapped.join('\n') });
    } else {
      const end = lineEndOf(text, range.end);
      if (text.slice(range.end, end).trim() !== '') continue;
      const comment = text.slice(range.pos, range.end);
      const lines = (indent + comment).split('\n');
      if (!lines.some((line) => widthOf(line) > width)) continue;
      const block = blockCommentItems(comment, indent, width);
      if (block === undefined) continue;
      const wrapped = wrapItems(block.items, width);
      // A one-line comment is opened up only when that brings it within the width.
      if (block.head !== undefined && wrapped.some((line) => widthOf(line) > width)) continue;
      const all = [block.head, ...wrapped, block.tail].filter((line) => line !== undefined);
      edits.push({ start, end: range.end, text: all.join('\n') });
    }
  }
  let result = text;
  for (const edit of edits.reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  if (result !== text) {
    const before = tokensOf(text, fileName);
    const after = tokensOf(result, fileName);
    if (before.length !== after.length || before.some((token, k) => token !== after[k])) {
      throw new Error(`${fileName}: re-wrapping comments would change its code; left as it was`);
    }
  }
  return result;
}
