// A unified diff of two texts, line by line, from a longest common subsequence. Pure and small: the
// files it compares are configuration files of at most a few thousand lines. Common leading and
// trailing lines are set aside first, so the quadratic table only covers the part that differs; a
// middle too large for the table is shown as removed and added whole rather than taking the agent down.

const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string };

/** Lines of `text`; `newline` says whether the last line ended with "\n". */
function lines(text: string): { lines: string[]; newline: boolean } {
  if (text === '') return { lines: [], newline: true };
  const parts = text.split('\n');
  const newline = parts.at(-1) === '';
  if (newline) parts.pop();
  return { lines: parts, newline };
}

function middleOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS)
    return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) ops.push({ kind: '-', text: a[i++]! });
    else ops.push({ kind: '+', text: b[j++]! });
  }
  while (i < n) ops.push({ kind: '-', text: a[i++]! });
  while (j < m) ops.push({ kind: '+', text: b[j++]! });
  return ops;
}

/** The edit script from `before` to `after`: kept, removed and added lines in order. */
export function diffLines(before: string[], after: string[]): Op[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return [
    ...before.slice(0, start).map((text) => ({ kind: ' ' as const, text })),
    ...middleOps(before.slice(start, before.length - end), after.slice(start, after.length - end)),
    ...before.slice(before.length - end).map((text) => ({ kind: ' ' as const, text })),
  ];
}

interface UnifiedDiffOptions {
  /** Label of the old side; "/dev/null" for a file that does not exist yet. */
  from?: string;
  to?: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

/**
 * `before` → `after` as a unified diff (diff -u), or "" when they are equal. A last line without a
 * newline is marked "\ No newline at end of file", as diff does.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const a = lines(before);
  const b = lines(after);
  // A missing final newline is a difference of its own: compare the last lines with their ending.
  const mark = (l: { lines: string[]; newline: boolean }) =>
    l.newline || l.lines.length === 0
      ? l.lines
      : [...l.lines.slice(0, -1), `${l.lines.at(-1)!}\n\\ No newline at end of file`];
  const ops = diffLines(mark(a), mark(b));
  const out = [`--- ${options.from ?? 'before'}`, `+++ ${options.to ?? 'after'}`];
  // Old and new line numbers (1-based) of each op.
  const numbered: (Op & { oldLine: number; newLine: number })[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const op of ops) {
    numbered.push({ ...op, oldLine, newLine });
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  let index = 0;
  while (index < numbered.length) {
    if (numbered[index]!.kind === ' ') {
      index++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change that
    // is no more than 2 * context unchanged lines from the previous one.
    const first = Math.max(0, index - context);
    let last = index;
    for (let k = index; k < numbered.length; k++) {
      if (numbered[k]!.kind !== ' ') last = k;
      else if (k - last > 2 * context) break;
    }
    const stop = Math.min(numbered.length, last + context + 1);
    const hunk = numbered.slice(first, stop);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    // diff -u numbers an empty side by the line before it.
    const oldStart = oldCount === 0 ? hunk[0]!.oldLine - 1 : hunk[0]!.oldLine;
    const newStart = newCount === 0 ? hunk[0]!.newLine - 1 : hunk[0]!.newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    index = stop;
  }
  return `${out.join('\n')}\n`;
}
