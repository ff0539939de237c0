import type { CliStream } from './io';

// Progress of long work on stderr. On a terminal, one bar redrawn in place with \r
// (`[#####-----] 3/10 summary`, cut to the terminal's width) and a newline once finished; anywhere
// else (a pipe, a CI log) one plain line per item, since a log cannot redraw.

const BAR_WIDTH = 10;

export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export interface Progress {
  /** Item `done` of `total` is under way (or finished), described by `text`. */
  update: (done: number, total: number, text: string) => void;
  /** Ends the bar's line; further output starts on a fresh line. Safe to call twice. */
  finish: () => void;
}

export function progress(stream: CliStream): Progress {
  if (!stream.isTTY) {
    return {
      update: (done, total, text) => stream.write(`[${done}/${total}] ${text}\n`),
      finish: () => {},
    };
  }
  let drawn = false;
  return {
    update: (done, total, text) => {
      const line = `${progressBar(done, total)} ${done}/${total} ${text}`;
      const width = Math.max(20, (stream.columns || 80) - 1);
      // A pty may report 0 columns (script(1) without a size): then 80. \x1b[K clears what a longer previous line left
      // behind.
      stream.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\u001b[K`);
      drawn = true;
    },
    finish: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
