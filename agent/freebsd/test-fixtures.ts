// Reads a verbatim FreeBSD output sample from the repository's fixtures/freebsd/ folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(file: string): string {
  return readFileSync(join(__dirname, '../../fixtures/freebsd', file), 'utf8');
}
