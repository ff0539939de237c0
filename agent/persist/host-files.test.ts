import { execFileSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFileError, type HostFiles } from './host-files';
import { MemoryHostFiles } from './memory-files';
import { NodeHostFiles } from './node-files';
import { PersistService } from './persist-service';

// The same contract for the real filesystem (in a temporary root) and the emulator's, then the traps
// only a real filesystem can set: symlinks at the file and above it, a hard link, a FIFO, a directory.

const STAMP = '.patchbay-2026-01-02T03:04:05.678Z.bak';

function contract(name: string, make: () => HostFiles) {
  describe(`${name}: the HostFiles contract`, () => {
    it("reads nothing for a missing file or directory, then creates Patchbay's directories and the file", () => {
      const files = make();
      expect(files.read('/usr/local/etc/patchbay/pf/a.conf')).toBeUndefined();
      files.write('/usr/local/etc/patchbay/pf/a.conf', 'one\n');
      expect(files.read('/usr/local/etc/patchbay/pf/a.conf')).toBe('one\n');
      files.write('/usr/local/etc/patchbay/pf/a.conf', 'two\n');
      expect(files.read('/usr/local/etc/patchbay/pf/a.conf')).toBe('two\n');
    });

    it('refuses paths outside the allow-list, for reading and writing', () => {
      const files = make();
      expect(() => files.write('/etc/passwd', 'x')).toThrow(/\/etc\/passwd is outside what Patchbay may write/);
      expect(() => files.read('/etc/master.passwd')).toThrow(HostFileError);
      expect(() => files.write('/etc/pf.conf', 'x')).toThrow(/never writes it/);
      expect(() => files.write('/usr/local/etc/patchbay/agent.token', 'x')).toThrow(/outside what Patchbay may write/);
    });

    it("creates only Patchbay's own directories", () => {
      const files = make();
      // /boot does not exist in a fresh root, and Patchbay must not make it.
      expect(() => files.write('/boot/loader.conf', 'x\n')).toThrow(
        /\/boot does not exist, and Patchbay creates only its own directories/,
      );
    });

    it('backs up to a new file only, under a backup name', () => {
      const files = make();
      files.write('/etc/jail.conf.d/a.conf', 'old\n');
      files.backup('/etc/jail.conf.d/a.conf', `/etc/jail.conf.d/a.conf${STAMP}`);
      files.write('/etc/jail.conf.d/a.conf', 'new\n');
      expect(() => files.backup('/etc/jail.conf.d/a.conf', `/etc/jail.conf.d/a.conf${STAMP}`)).toThrow();
      expect(() => files.backup('/etc/jail.conf.d/a.conf', '/etc/jail.conf.d/b.conf')).toThrow(/not a backup name/);
      expect(files.read('/etc/jail.conf.d/a.conf')).toBe('new\n');
    });

    it("lists a file's backups and removes one, only under a backup name", () => {
      const files = make();
      expect(files.backups('/etc/jail.conf.d/a.conf')).toEqual([]);
      files.write('/etc/jail.conf.d/a.conf', 'old\n');
      files.write('/etc/jail.conf.d/ab.conf', 'other\n');
      files.backup('/etc/jail.conf.d/a.conf', `/etc/jail.conf.d/a.conf${STAMP}`);
      files.backup('/etc/jail.conf.d/ab.conf', `/etc/jail.conf.d/ab.conf${STAMP}`);
      expect(files.backups('/etc/jail.conf.d/a.conf')).toEqual([`/etc/jail.conf.d/a.conf${STAMP}`]);
      expect(() => files.removeBackup('/etc/jail.conf.d/a.conf', '/etc/jail.conf.d/a.conf')).toThrow(
        /not a backup name/,
      );
      expect(() => files.removeBackup('/etc/passwd', `/etc/passwd${STAMP}`)).toThrow(/outside what Patchbay may write/);
      files.removeBackup('/etc/jail.conf.d/a.conf', `/etc/jail.conf.d/a.conf${STAMP}`);
      expect(files.backups('/etc/jail.conf.d/a.conf')).toEqual([]);
      expect(files.backups('/etc/jail.conf.d/ab.conf')).toEqual([`/etc/jail.conf.d/ab.conf${STAMP}`]);
      expect(files.read('/etc/jail.conf.d/a.conf')).toBe('old\n');
    });
  });
}

function tempRoot() {
  const root = mkdtempSync(join(tmpdir(), 'pb-hostfiles-'));
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'usr/local/etc'), { recursive: true });
  return root;
}

contract('memory', () => new MemoryHostFiles().set('/etc', { type: 'dir' }).set('/usr/local/etc', { type: 'dir' }));
contract('node', () => new NodeHostFiles(tempRoot()));

describe('NodeHostFiles on a real filesystem', () => {
  it('writes atomically: mode 0644, no temporary file left, the backup a byte copy with the old mode', () => {
    const root = tempRoot();
    const files = new NodeHostFiles(root);
    files.write('/etc/jail.conf.d/www.conf', 'a\n');
    expect(statSync(join(root, 'etc/jail.conf.d/www.conf')).mode & 0o777).toBe(0o644);
    writeFileSync(join(root, 'etc/rc.conf'), 'hostname="h"\n', { mode: 0o600 });
    files.backup('/etc/rc.conf', `/etc/rc.conf${STAMP}`);
    files.write('/etc/rc.conf', 'hostname="h"\nx="1"\n');
    // An existing file keeps its mode: a 0600 rc.conf does not become world-readable.
    expect(statSync(join(root, 'etc/rc.conf')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, `etc/rc.conf${STAMP}`)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(root, `etc/rc.conf${STAMP}`), 'utf8')).toBe('hostname="h"\n');
    expect(readdirSync(join(root, 'etc')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(root, 'etc/jail.conf.d'))).toEqual(['www.conf']);
  });

  it('refuses a symlink at the file, for reading and writing, and leaves its target alone', () => {
    const root = tempRoot();
    const secret = join(root, 'secret');
    writeFileSync(secret, 'root:*:0:0\n');
    symlinkSync(secret, join(root, 'etc/rc.conf'));
    const files = new NodeHostFiles(root);
    expect(() => files.read('/etc/rc.conf')).toThrow(/\/etc\/rc.conf is a symbolic link/);
    expect(() => files.write('/etc/rc.conf', 'pwned\n')).toThrow(/symbolic link/);
    expect(() => files.backup('/etc/rc.conf', `/etc/rc.conf${STAMP}`)).toThrow(/symbolic link/);
    expect(readFileSync(secret, 'utf8')).toBe('root:*:0:0\n');
    expect(lstatSync(join(root, 'etc/rc.conf')).isSymbolicLink()).toBe(true);
  });

  it('refuses a hard link at the file (another name for the same inode), for reading, backing up and writing, and leaves the other name alone', () => {
    const root = tempRoot();
    const secret = join(root, 'secret');
    writeFileSync(secret, 'root:*:0:0\n');
    linkSync(secret, join(root, 'etc/rc.conf'));
    const files = new NodeHostFiles(root);
    // Today's code would show the other file's content in the preview.
    expect(() => files.read('/etc/rc.conf')).toThrow(
      /\/etc\/rc.conf has 2 hard links: the same file has another name elsewhere/,
    );
    expect(() => files.backup('/etc/rc.conf', `/etc/rc.conf${STAMP}`)).toThrow(/hard links/);
    expect(() => files.write('/etc/rc.conf', 'pwned\n')).toThrow(/hard links/);
    expect(readFileSync(secret, 'utf8')).toBe('root:*:0:0\n');
    expect(statSync(secret).nlink).toBe(2);
    expect(readdirSync(join(root, 'etc'))).toEqual(['rc.conf']);
  });

  it('shows a hard-linked file as a refused change in the preview, so nothing is written', async () => {
    const root = tempRoot();
    writeFileSync(join(root, 'elsewhere.conf'), 'www { persist; }\n');
    mkdirSync(join(root, 'etc/jail.conf.d'));
    linkSync(join(root, 'elsewhere.conf'), join(root, 'etc/jail.conf.d/www.conf'));
    const persist = new PersistService({
      files: new NodeHostFiles(root),
      stateDir: mkdtempSync(join(tmpdir(), 'pb-hostfiles-state-')),
      allowRawFiles: true,
    });
    const content =
      '# /etc/jail.conf.d/www.conf: jail www, written by Patchbay from the design "t".\nwww { persist; }\n';
    const preview = await persist.preview({
      files: [{ path: '/etc/jail.conf.d/www.conf', owner: 'patchbay', content }],
      override: { reason: 'hard link test' },
    });
    expect(preview.changes[0]).toMatchObject({
      action: 'refused',
      diff: '',
      reason: expect.stringMatching(/^\/etc\/jail.conf.d\/www.conf has 2 hard links/),
    });
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/refused 1 file/);
    expect(readFileSync(join(root, 'elsewhere.conf'), 'utf8')).toBe('www { persist; }\n');
  });

  it('replaces a file by renaming a new inode over it: the old inode is never written to', () => {
    const root = tempRoot();
    const files = new NodeHostFiles(root);
    files.write('/etc/jail.conf.d/www.conf', 'one\n');
    const before = statSync(join(root, 'etc/jail.conf.d/www.conf')).ino;
    files.write('/etc/jail.conf.d/www.conf', 'two\n');
    expect(statSync(join(root, 'etc/jail.conf.d/www.conf')).ino).not.toBe(before);
  });

  it('refuses a symlinked directory on the way (jail.conf.d pointing elsewhere)', () => {
    const root = tempRoot();
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'etc/jail.conf.d'));
    const files = new NodeHostFiles(root);
    expect(() => files.write('/etc/jail.conf.d/www.conf', 'x\n')).toThrow(
      /\/etc\/jail.conf.d is a symbolic link, not a directory/,
    );
    expect(() => files.read('/etc/jail.conf.d/www.conf')).toThrow(/symbolic link/);
    expect(readdirSync(join(root, 'elsewhere'))).toEqual([]);
  });

  it('refuses a FIFO without blocking on it, and a directory where a file should be', () => {
    const root = tempRoot();
    execFileSync('mkfifo', [join(root, 'etc/sysctl.conf')]);
    mkdirSync(join(root, 'etc/jail.conf'));
    const files = new NodeHostFiles(root);
    expect(() => files.read('/etc/sysctl.conf')).toThrow(
      /\/etc\/sysctl.conf is a FIFO; Patchbay reads and writes only regular files/,
    );
    expect(() => files.write('/etc/sysctl.conf', 'x\n')).toThrow(/FIFO/);
    expect(() => files.write('/etc/jail.conf', 'x\n')).toThrow(/is a directory/);
    expect(lstatSync(join(root, 'etc/sysctl.conf')).isFIFO()).toBe(true);
  });
});
