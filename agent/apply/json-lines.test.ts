import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { JsonLines } from './json-lines';

// Issue 14, finding 9b: the journal file is bounded (rotated, a few old files kept), its entries
// parsed once, and a crash mid-write or mid-rotation loses nothing that was already on disk.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'patchbay-jsonl-'));
});

const entry = (n: number) => ({ n, text: 'x'.repeat(80) });

describe('JsonLines', () => {
  it('rotates once the file passes its limit and keeps at most the given number of old files', () => {
    const lines = new JsonLines<{ n: number }>(dir, 'log.jsonl', { maxBytes: 2_000, keepFiles: 2 });
    for (let n = 0; n < 200; n++) lines.append(entry(n));
    expect(readdirSync(dir).sort()).toEqual(['log.jsonl', 'log.jsonl.1', 'log.jsonl.2']);
    for (const file of readdirSync(dir)) {
      expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(2_000 + 100);
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(lines.rotatedPaths()).toEqual([join(dir, 'log.jsonl.1'), join(dir, 'log.jsonl.2')]);
    // The live file holds the newest entries, in order, ending with the last one appended.
    const live = lines.entries().map((e) => e.n);
    expect(live.at(-1)).toBe(199);
    expect(live).toEqual(Array.from({ length: live.length }, (_, i) => 200 - live.length + i));
    expect(new JsonLines<{ n: number }>(dir, 'log.jsonl.1').entries().at(-1)!.n).toBe(live[0]! - 1);
  });

  it('starts the new file with what the owner says is still needed', () => {
    const lines = new JsonLines<{ n: number; keep?: boolean }>(dir, 'log.jsonl', {
      maxBytes: 1_000,
      carryOver: (all) => all.filter((e) => e.keep),
    });
    lines.append({ n: -1, keep: true });
    for (let n = 0; n < 15; n++) lines.append(entry(n));
    expect(existsSync(join(dir, 'log.jsonl.1'))).toBe(true);
    expect(lines.entries()[0]).toEqual({ n: -1, keep: true });
    expect(new JsonLines<{ n: number }>(dir, 'log.jsonl').entries()[0]).toEqual({ n: -1, keep: true });
  });

  it('a torn last line left by a crash does not swallow the next entry', () => {
    writeFileSync(join(dir, 'log.jsonl'), '{"n":1}\n{"n":', { mode: 0o600 });
    const lines = new JsonLines<{ n: number }>(dir, 'log.jsonl');
    expect(lines.entries()).toEqual([{ n: 1 }]);
    lines.append({ n: 2 });
    expect(new JsonLines<{ n: number }>(dir, 'log.jsonl').entries()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('finishes a rotation a crash interrupted between its two renames', () => {
    writeFileSync(join(dir, 'log.jsonl.1'), '{"n":1}\n');
    writeFileSync(join(dir, 'log.jsonl.next'), '{"n":2}\n');
    expect(new JsonLines<{ n: number }>(dir, 'log.jsonl').entries()).toEqual([{ n: 2 }]);
    expect(existsSync(join(dir, 'log.jsonl.next'))).toBe(false);
  });

  it('sees what another writer appended to the same file', () => {
    const reader = new JsonLines<{ n: number }>(dir, 'log.jsonl');
    const writer = new JsonLines<{ n: number }>(dir, 'log.jsonl');
    expect(reader.entries()).toEqual([]);
    writer.append({ n: 1 });
    expect(reader.entries()).toEqual([{ n: 1 }]);
    reader.append({ n: 2 });
    writer.append({ n: 3 });
    expect(reader.entries()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(writer.entries()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});
