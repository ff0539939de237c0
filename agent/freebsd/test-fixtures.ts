// Reads a verbatim FreeBSD output sample from the shared fixtures folder (../shared in CI too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(file: string): string {
  return readFileSync(join(__dirname, '../../../shared/fixtures/freebsd', file), 'utf8');
}
