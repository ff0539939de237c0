import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows a new file as all added, numbered from 0 on the old side', () => {
    expect(unifiedDiff('', 'a\nb\n', { from: '/dev/null', to: '/etc/x' })).toBe(
      '--- /dev/null\n+++ /etc/x\n@@ -0,0 +1,2 @@\n+a\n+b\n',
    );
  });

  it('changes one line with three lines of context, as diff -u does', () => {
    const before = '1\n2\n3\n4\n5\n6\n7\n8\n9\n';
    const after = '1\n2\n3\n4\nfive\n6\n7\n8\n9\n';
    expect(unifiedDiff(before, after)).toBe(
      '--- before\n+++ after\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
    );
  });

  it('splits changes far apart into two hunks and joins near ones', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n') + '\n';
    const far = before.replace('l2\n', 'L2\n').replace('l18\n', 'L18\n');
    expect(unifiedDiff(before, far).match(/^@@/gm)).toHaveLength(2);
    expect(unifiedDiff(before, far)).toContain('@@ -1,5 +1,5 @@');
    expect(unifiedDiff(before, far)).toContain('@@ -15,6 +15,6 @@');
    const near = before.replace('l2\n', 'L2\n').replace('l8\n', 'L8\n');
    expect(unifiedDiff(before, near).match(/^@@/gm)).toHaveLength(1);
  });

  it('numbers a pure insertion by the line before it', () => {
    expect(unifiedDiff('a\nb\n', 'a\nx\nb\n', { context: 0 })).toBe('--- before\n+++ after\n@@ -1,0 +2,1 @@\n+x\n');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', { context: 0 })).toBe(
      '--- before\n+++ after\n@@ -2,1 +2,1 @@\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('finds a longest common subsequence, not just a common prefix', () => {
    const ops = diffLines(['a', 'b', 'c', 'd', 'e'], ['x', 'b', 'c', 'y', 'e']);
    expect(ops.filter((o) => o.kind === ' ').map((o) => o.text)).toEqual(['b', 'c', 'e']);
    expect(ops.filter((o) => o.kind === '-').map((o) => o.text)).toEqual(['a', 'd']);
    expect(ops.filter((o) => o.kind === '+').map((o) => o.text)).toEqual(['x', 'y']);
  });

  it('applying the diff reproduces the new text (kept and added lines in order)', () => {
    const before = 'h\na\nb\nc\nd\n';
    const after = 'a\nB\nc\nd\ne\n';
    const ops = diffLines(before.split('\n').slice(0, -1), after.split('\n').slice(0, -1));
    expect(
      ops
        .filter((o) => o.kind !== '-')
        .map((o) => o.text)
        .join('\n') + '\n',
    ).toBe(after);
    expect(
      ops
        .filter((o) => o.kind !== '+')
        .map((o) => o.text)
        .join('\n') + '\n',
    ).toBe(before);
  });
});
