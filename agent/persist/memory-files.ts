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

// The emulator's filesystem: just enough of one for persisting (directories, regular files, and the
// symlinks and FIFOs tests plant to check they are refused), with the same rules as node-files.ts.

type MemoryEntry =
  | { type: 'file'; content: string; mode: number; uid: number }
  | { type: 'dir' }
  | { type: 'symlink'; target: string }
  | { type: 'fifo' };

const describe = (entry: MemoryEntry) =>
  entry.type === 'symlink'
    ? 'a symbolic link'
    : entry.type === 'dir'
      ? 'a directory'
      : entry.type === 'fifo'
        ? 'a FIFO'
        : 'a regular file';

export class MemoryHostFiles implements HostFiles {
  readonly entries = new Map<string, MemoryEntry>([['/', { type: 'dir' }]]);
  /** Every write and backup, in order, for tests. */
  readonly log: string[] = [];

  /** Puts an entry in place, creating the directories above it (tests and seeding only). */
  set(path: string, entry: MemoryEntry): this {
    for (const dir of ancestors(path)) if (!this.entries.has(dir)) this.entries.set(dir, { type: 'dir' });
    this.entries.set(path, entry);
    return this;
  }

  file(path: string, content: string, mode = 0o644): this {
    return this.set(path, { type: 'file', content, mode, uid: 0 });
  }

  private directories(path: string, create: boolean): boolean {
    for (const dir of ancestors(path)) {
      const entry = this.entries.get(dir);
      if (entry === undefined) {
        if (!create) return false;
        if (!mayCreateDirectory(dir))
          throw new HostFileError(
            path,
            `${dir} does not exist, and Patchbay creates only its own directories; create it first.`,
          );
        this.entries.set(dir, { type: 'dir' });
        continue;
      }
      if (entry.type !== 'dir')
        throw new HostFileError(path, `${dir} is ${describe(entry)}, not a directory; Patchbay does not follow links.`);
    }
    return true;
  }

  private existing(path: string): Extract<MemoryEntry, { type: 'file' }> | undefined {
    if (!this.directories(path, false)) return undefined;
    const entry = this.entries.get(path);
    if (entry === undefined) return undefined;
    if (entry.type !== 'file')
      throw new HostFileError(path, `${path} is ${describe(entry)}; Patchbay reads and writes only regular files.`);
    return entry;
  }

  read(path: string): string | undefined {
    assertAllowed(path);
    return this.existing(path)?.content;
  }

  write(path: string, content: string): void {
    assertAllowed(path);
    if (Buffer.byteLength(content) > MAX_FILE_BYTES)
      throw new HostFileError(path, `${path} would be ${Buffer.byteLength(content)} bytes; at most ${MAX_FILE_BYTES}.`);
    this.directories(path, true);
    const entry = this.entries.get(path);
    if (entry && entry.type !== 'file')
      throw new HostFileError(path, `${path} is ${describe(entry)}; Patchbay replaces only regular files.`);
    this.entries.set(path, { type: 'file', content, mode: entry?.mode ?? 0o644, uid: entry?.uid ?? 0 });
    this.log.push(`write ${path}`);
  }

  backup(path: string, to: string): void {
    assertBackup(path, to);
    const entry = this.existing(path);
    if (!entry) throw new HostFileError(path, `${path} does not exist; nothing to back up.`);
    if (this.entries.has(to)) throw new HostFileError(to, `${to} exists already.`);
    this.entries.set(to, { ...entry });
    this.log.push(`backup ${path} ${to}`);
  }

  backups(path: string): string[] {
    assertAllowed(path);
    if (!this.directories(path, false)) return [];
    return [...this.entries]
      .filter(([name, entry]) => entry.type === 'file' && isBackupOf(path, name))
      .map(([name]) => name);
  }

  removeBackup(path: string, backup: string): void {
    assertBackup(path, backup);
    const entry = this.entries.get(backup);
    if (entry?.type !== 'file')
      throw new HostFileError(
        backup,
        `${backup} is ${entry ? describe(entry) : 'missing'}; Patchbay removes only its own backup files.`,
      );
    this.entries.delete(backup);
    this.log.push(`remove ${backup}`);
  }
}

/**
 * The demo host's files: an admin's rc.conf (which sets ifconfig_ixl0 and defaultrouter, as the design does), stock
 * sysctl.conf and loader.conf, no jail.conf.
 */
export function createDemoFiles(): MemoryHostFiles {
  return new MemoryHostFiles()
    .set('/usr/local/etc', { type: 'dir' })
    .file(
      '/etc/rc.conf',
      [
        'hostname="gateway.example.org"',
        'ifconfig_ixl0="inet 192.168.1.10/24"',
        'defaultrouter="192.168.1.254"',
        'sshd_enable="YES"',
        'ntpd_enable="YES"',
        'moused_nondefault_enable="NO"',
        '# Set dumpdev to "AUTO" to enable crash dumps, "NO" to disable',
        'dumpdev="AUTO"',
        'zfs_enable="YES"',
        '',
      ].join('\n'),
    )
    .file(
      '/etc/sysctl.conf',
      "#\n#  This file is read when going to multi-user and its contents piped thru\n#  ``sysctl'' to adjust kernel values.  ``man 5 sysctl.conf'' for details.\n#\n\n# Uncomment this to prevent users from seeing information about processes that\n# are being run under another UID.\n#security.bsd.see_other_uids=0\n",
    )
    .file(
      '/boot/loader.conf',
      'kern.geom.label.disk_ident.enable="0"\nkern.geom.label.gptid.enable="0"\nzfs_load="YES"\n',
    );
}
