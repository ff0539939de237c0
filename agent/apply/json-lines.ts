import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A JSON-lines file in the agent's state directory, each entry flushed to disk before the caller
 * goes on (so after a crash the agent knows exactly what was done). Used by the apply journal and
 * the persist journal.
 *
 * Bounded: once the file passes `maxBytes` it is rotated (`<file>.1` … `<file>.<keepFiles>`, the
 * oldest dropped), and the new file starts with whatever `carryOver` says is still needed (an apply
 * that is interrupted or awaiting confirmation), so rotation never loses what recovery reads.
 * Entries are parsed once and kept in memory; a call to `entries()` reads only what another writer
 * appended since (checked with one stat), never the whole file again.
 */
export interface JsonLinesOptions<Entry> {
  /** Rotate once the file holds more than this many bytes beyond what was carried over; default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept beside the live one; default 5. */
  keepFiles?: number;
  /** The entries the new file must start with; by default none. */
  carryOver?: (entries: readonly Entry[]) => Entry[];
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP_FILES = 5;

interface Cache<Entry> {
  entries: Entry[];
  /** Bytes parsed so far: up to and including the last complete line. */
  offset: number;
  size: number;
  mtimeMs: number;
  ino: number;
  /** False when the file ends in a torn line (a crash mid-write): the next append starts a new line. */
  endsClean: boolean;
}

export class JsonLines<Entry> {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private readonly carryOver: (entries: readonly Entry[]) => Entry[];
  private cache: Cache<Entry> | undefined;
  /** Bytes the current file began with (carried entries): they do not count towards the limit. */
  private carriedBytes = 0;
  /** Bumped whenever the cached entries change, so subclasses can keep what they derive from them. */
  private changes = 0;

  constructor(stateDir: string, file: string, options: JsonLinesOptions<Entry> = {}) {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    this.path = join(stateDir, file);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keepFiles = Math.max(1, options.keepFiles ?? DEFAULT_KEEP_FILES);
    this.carryOver = options.carryOver ?? (() => []);
    finishInterruptedRotation(this.path);
  }

  /** The rotated files, newest first (`<file>.1` is the one just before the live file). */
  rotatedPaths(): string[] {
    return Array.from({ length: this.keepFiles }, (_, i) => `${this.path}.${i + 1}`).filter((p) => existsSync(p));
  }

  append(entry: Entry) {
    const cache = this.load();
    const line = `${JSON.stringify(entry)}\n`;
    // A torn last line would swallow this entry when read back; end it first.
    const text = cache.endsClean ? line : `\n${line}`;
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
      const stat = fstatSync(fd);
      cache.entries.push(JSON.parse(line) as Entry);
      this.changes++;
      this.cache = {
        ...cache,
        offset: stat.size,
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        ino: stat.ino,
        endsClean: true,
      };
    } finally {
      closeSync(fd);
    }
    if (this.cache.size - this.carriedBytes > this.maxBytes) this.rotate();
  }

  entries(): Entry[] {
    return [...this.load().entries];
  }

  /** A number that changes whenever `entries()` would answer differently. */
  protected revision(): number {
    this.load();
    return this.changes;
  }

  /** The parsed entries, brought up to date with what is on disk. */
  private load(): Cache<Entry> {
    const stat = statSync(this.path, { throwIfNoEntry: false });
    const cache = this.cache;
    if (!stat) {
      if (cache?.size !== 0) this.changes++;
      return (this.cache = { entries: [], offset: 0, size: 0, mtimeMs: 0, ino: 0, endsClean: true });
    }
    if (cache && cache.ino === stat.ino && cache.size === stat.size && cache.mtimeMs === stat.mtimeMs) return cache;
    this.changes++;
    // Another writer appended (or the file was replaced): read only the new bytes when we can.
    const from = cache && cache.ino === stat.ino && stat.size >= cache.size ? cache.offset : 0;
    const { entries, consumed, endsClean } = parseFrom<Entry>(this.path, from, stat.size);
    this.cache = {
      entries: from === 0 ? entries : [...cache!.entries, ...entries],
      offset: from + consumed,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ino: stat.ino,
      endsClean,
    };
    return this.cache;
  }

  /**
   * The live file becomes `<file>.1` and a new one starts with the carried entries. The new file is
   * written and synced first, so a crash at any point leaves either the old file or both.
   */
  private rotate() {
    const carried = this.carryOver(this.load().entries);
    const text = carried.map((e) => `${JSON.stringify(e)}\n`).join('');
    const next = `${this.path}.next`;
    writeSynced(next, text);
    rmSync(`${this.path}.${this.keepFiles}`, { force: true });
    for (let i = this.keepFiles - 1; i >= 1; i--)
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameSync(this.path, `${this.path}.1`);
    renameSync(next, this.path);
    syncDirectory(dirname(this.path));
    this.carriedBytes = Buffer.byteLength(text);
    this.changes++;
    const stat = statSync(this.path);
    // Kept as they read back from disk, like every other cached entry.
    this.cache = {
      entries: carried.map((e) => JSON.parse(JSON.stringify(e)) as Entry),
      offset: stat.size,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ino: stat.ino,
      endsClean: true,
    };
  }
}

/** A crash between the two renames of a rotation leaves `<file>.next` and no `<file>`: finish it. */
function finishInterruptedRotation(path: string) {
  const next = `${path}.next`;
  if (!existsSync(next)) return;
  if (existsSync(path)) rmSync(next, { force: true });
  else renameSync(next, path);
}

function parseFrom<Entry>(
  path: string,
  from: number,
  size: number,
): { entries: Entry[]; consumed: number; endsClean: boolean } {
  const buffer = Buffer.alloc(size - from);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  const lastNewline = buffer.lastIndexOf(0x0a);
  const complete = lastNewline < 0 ? '' : buffer.subarray(0, lastNewline + 1).toString('utf8');
  // A crash can leave a torn last line; everything before it still counts, and it is read again
  // (still torn, or completed by a slow writer) next time.
  const entries = complete
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Entry];
      } catch {
        return [];
      }
    });
  return { entries, consumed: lastNewline + 1, endsClean: lastNewline === buffer.length - 1 || buffer.length === 0 };
}

function writeSynced(path: string, text: string) {
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string) {
  // Renames are durable only once the directory is synced; some platforms refuse to open one.
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: the data itself is already synced.
  }
}
