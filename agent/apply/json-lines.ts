import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A JSON-lines file in the agent's state directory, each entry flushed to disk before the caller
 * goes on (so after a crash the agent knows exactly what was done). Used by the apply journal and
 * the persist journal.
 */
export class JsonLines<Entry> {
  readonly path: string;

  constructor(stateDir: string, file: string) {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    this.path = join(stateDir, file);
  }

  append(entry: Entry) {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  entries(): Entry[] {
    if (!existsSync(this.path)) return [];
    // A crash can leave a torn last line; everything before it still counts.
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Entry];
        } catch {
          return [];
        }
      });
  }
}
