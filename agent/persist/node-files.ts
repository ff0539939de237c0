import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { mayCreateDirectory } from '../../core/render/persist-rules';
import {
  ancestors,
  assertAllowed,
  assertBackup,
  HostFileError,
  isBackupOf,
  MAX_FILE_BYTES,
  type HostFiles,
} from './host-files';

// HostFiles on the real filesystem. Every directory on the way is lstat'ed and must be a directory,
// not a symlink; the file itself is opened with O_NOFOLLOW (and O_NONBLOCK, so a FIFO planted there
// cannot hang the agent) and must be a regular file with one link: a hard link at a persisted path
// would make the preview show (and a backup copy) some other file's content, the same inode reached
// by another name anywhere on this filesystem (a symlink is refused for the same reason). `root` is
// "/" on a host and a temporary directory in tests; it is trusted as it is, everything under it is checked.

function lstatOrUndefined(local: string): Stats | undefined {
  try {
    return lstatSync(local);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function kind(stat: Stats): string {
  return stat.isSymbolicLink()
    ? 'a symbolic link'
    : stat.isDirectory()
      ? 'a directory'
      : stat.isFIFO()
        ? 'a FIFO'
        : stat.isSocket()
          ? 'a socket'
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? 'a device'
            : 'not a regular file';
}

/** Why Patchbay will not read or replace what `stat` describes at `path`, or undefined when it may. */
function unsafeFile(path: string, stat: Stats): string | undefined {
  if (!stat.isFile()) return `${path} is ${kind(stat)}; Patchbay reads and writes only regular files.`;
  if (stat.nlink > 1)
    return `${path} has ${stat.nlink} hard links: the same file has another name elsewhere (find / -xdev -inum ${stat.ino}), so Patchbay neither reads nor replaces it; remove the other link first.`;
  return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export class NodeHostFiles implements HostFiles {
  constructor(private readonly root = '/') {}

  private local(path: string): string {
    return this.root === '/' ? path : join(this.root, path);
  }

  /** Checks the directories above `path`; false when one is missing and `create` is off. */
  private directories(path: string, create: boolean): boolean {
    for (const dir of ancestors(path)) {
      const stat = lstatOrUndefined(this.local(dir));
      if (stat === undefined) {
        if (!create) return false;
        if (!mayCreateDirectory(dir))
          throw new HostFileError(
            path,
            `${dir} does not exist, and Patchbay creates only its own directories; create it first.`,
          );
        mkdirSync(this.local(dir), { mode: 0o755 });
        if (isRoot()) {
          const fd = openSync(this.local(dir), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_DIRECTORY);
          try {
            fchownSync(fd, 0, 0);
          } finally {
            closeSync(fd);
          }
        }
        continue;
      }
      if (!stat.isDirectory())
        throw new HostFileError(path, `${dir} is ${kind(stat)}, not a directory; Patchbay does not follow links.`);
    }
    return true;
  }

  /** Opens an existing regular file for reading without following a link; undefined when absent. */
  private openExisting(path: string): { fd: number; stat: Stats } | undefined {
    if (!this.directories(path, false)) return undefined;
    const before = lstatOrUndefined(this.local(path));
    if (before === undefined) return undefined;
    const unsafe = unsafeFile(path, before);
    if (unsafe) throw new HostFileError(path, unsafe);
    let fd: number;
    try {
      fd = openSync(this.local(path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // Linux says ELOOP, FreeBSD EMLINK, when O_NOFOLLOW meets a link.
      if (code === 'ELOOP' || code === 'EMLINK')
        throw new HostFileError(path, `${path} became a symbolic link; Patchbay does not follow links.`);
      throw error;
    }
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.ino !== before.ino || stat.dev !== before.dev) {
      closeSync(fd);
      throw new HostFileError(path, `${path} changed while it was opened; try again.`);
    }
    // A link made between the lstat and the open.
    const linked = unsafeFile(path, stat);
    if (linked) {
      closeSync(fd);
      throw new HostFileError(path, linked);
    }
    if (stat.size > MAX_FILE_BYTES) {
      closeSync(fd);
      throw new HostFileError(
        path,
        `${path} is ${stat.size} bytes; Patchbay handles configuration files of at most ${MAX_FILE_BYTES}.`,
      );
    }
    return { fd, stat };
  }

  private readFd(fd: number, size: number): Buffer {
    const buffer = Buffer.alloc(Math.min(size + 1, MAX_FILE_BYTES + 1));
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  }

  read(path: string): string | undefined {
    assertAllowed(path);
    const opened = this.openExisting(path);
    if (!opened) return undefined;
    try {
      return this.readFd(opened.fd, opened.stat.size).toString('utf8');
    } finally {
      closeSync(opened.fd);
    }
  }

  /** A new file at `local` holding `data`, never replacing anything (O_EXCL, no link followed), flushed. */
  private create(local: string, data: Buffer, mode: number, owner: { uid: number; gid: number }) {
    const fd = openSync(local, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
      fchmodSync(fd, mode);
      if (isRoot()) fchownSync(fd, owner.uid, owner.gid);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  write(path: string, content: string): void {
    assertAllowed(path);
    const data = Buffer.from(content, 'utf8');
    if (data.length > MAX_FILE_BYTES)
      throw new HostFileError(path, `${path} would be ${data.length} bytes; at most ${MAX_FILE_BYTES}.`);
    this.directories(path, true);
    const existing = lstatOrUndefined(this.local(path));
    const unsafe = existing && unsafeFile(path, existing);
    if (unsafe) throw new HostFileError(path, unsafe);
    const mode = existing ? existing.mode & 0o777 : 0o644;
    const owner = existing ? { uid: existing.uid, gid: existing.gid } : { uid: 0, gid: 0 };
    // The temporary name does not end in .conf, so no `*.conf` include picks it up half-written.
    const temporary = join(
      dirname(this.local(path)),
      `.${basename(path)}.patchbay-${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      this.create(temporary, data, mode, owner);
      // rename(2) replaces the directory entry itself: a link planted at `path` meanwhile is replaced,
      // not followed, and the old inode (which another hard link may still name) is never written to.
      renameSync(temporary, this.local(path));
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    this.syncDirectory(path);
  }

  /** Flushes the directory holding `path`, so a rename or unlink in it survives a crash. */
  private syncDirectory(path: string) {
    const dir = openSync(dirname(this.local(path)), constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  backup(path: string, to: string): void {
    assertBackup(path, to);
    const opened = this.openExisting(path);
    if (!opened) throw new HostFileError(path, `${path} does not exist; nothing to back up.`);
    try {
      const data = this.readFd(opened.fd, opened.stat.size);
      this.create(this.local(to), data, opened.stat.mode & 0o777, { uid: opened.stat.uid, gid: opened.stat.gid });
    } finally {
      closeSync(opened.fd);
    }
  }

  backups(path: string): string[] {
    assertAllowed(path);
    if (!this.directories(path, false)) return [];
    const dir = dirname(path);
    return readdirSync(dirname(this.local(path)))
      .map((name) => `${dir === '/' ? '' : dir}/${name}`)
      .filter((candidate) => isBackupOf(path, candidate) && lstatOrUndefined(this.local(candidate))?.isFile());
  }

  removeBackup(path: string, backup: string): void {
    assertBackup(path, backup);
    this.directories(path, false);
    const stat = lstatOrUndefined(this.local(backup));
    if (!stat?.isFile())
      throw new HostFileError(
        backup,
        `${backup} is ${stat ? kind(stat) : 'missing'}; Patchbay removes only its own backup files.`,
      );
    // unlink(2) removes the name only: it never follows a link or changes another name's content.
    unlinkSync(this.local(backup));
    this.syncDirectory(backup);
  }
}
