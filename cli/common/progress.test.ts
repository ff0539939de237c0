import { describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { progress, progressBar } from './progress';

describe('the progress bar', () => {
  it('fills in tenths and redraws in place on a terminal, one line per item elsewhere', () => {
    expect(progressBar(0, 10)).toBe('[----------]');
    expect(progressBar(3, 10)).toBe('[###-------]');
    expect(progressBar(10, 10)).toBe('[##########]');
    const tty = memoryIo({ cwd: '/', tty: true });
    const bar = progress(tty.stderr);
    bar.update(1, 2, 'one');
    bar.update(2, 2, 'two');
    bar.finish();
    bar.finish();
    expect(tty.err()).toBe('\r[#####-----] 1/2 one\u001b[K\r[##########] 2/2 two\u001b[K\n');
    const log = memoryIo({ cwd: '/' });
    const lines = progress(log.stderr);
    lines.update(1, 2, 'one');
    lines.finish();
    expect(log.err()).toBe('[1/2] one\n');
  });
});
