import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

// Secrets in the data directory (the setup code): created 0600, never through a
// symlink, and refused when others could read them, as the agent does with its token file.

export class PrivateFileError extends Error {}

/** The file's text, or null when it does not exist. */
export function readPrivateFile(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PrivateFileError(`Cannot read ${path}: ${(error as Error).message} (it may not be a symlink).`);
  }
  try {
    const stat = fstatSync(fd);
    const mode = stat.mode & 0o777;
    if (mode & 0o077)
      throw new PrivateFileError(`${path} is readable by others (mode ${mode.toString(8)}); run chmod 600 ${path}.`);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
      throw new PrivateFileError(`${path} belongs to uid ${stat.uid}, not to the dashboard's user; fix its owner.`);
    return readFileSync(fd, 'utf8').trim();
  } finally {
    closeSync(fd);
  }
}

/** Creates the file with `content` unless it exists already (then false: someone else was first). */
export function createPrivateFile(path: string, content: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${content}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  chmodSync(path, 0o600); // the umask may have taken bits away; never added any
  return true;
}

export function removePrivateFile(path: string): void {
  rmSync(path, { force: true });
}
