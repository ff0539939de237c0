import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsBeyond, checkKeepBackups } from './backup-retention';
import { backupPath, type HostFiles } from './host-files';
import { MemoryHostFiles } from './memory-files';
import { NodeHostFiles } from './node-files';
import { PersistService, type PersistFile } from './persist-service';

// Each write backs up the file it replaces; only the newest `keepBackups` (default 10) of each file
// stay after a successful write. The same through the emulator's files and a real directory.

const AT = new Date('2026-03-04T05:06:07.089Z');
const JAIL = '/etc/jail.conf.d/www.conf';
const jail = (n: number): PersistFile => ({
  path: JAIL,
  owner: 'patchbay',
  content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\nwww { persist; } # ${n}\n`,
});

function implementations(): { name: string; make: () => { files: HostFiles; names: () => string[] } }[] {
  return [
    {
      name: 'memory',
      make: () => {
        const files = new MemoryHostFiles().set('/etc', { type: 'dir' });
        return {
          files,
          names: () =>
            [...files.entries.keys()]
              .filter((p) => p.startsWith('/etc/jail.conf.d/'))
              .map((p) => p.slice('/etc/jail.conf.d/'.length))
              .sort(),
        };
      },
    },
    {
      name: 'node',
      make: () => {
        const root = mkdtempSync(join(tmpdir(), 'pb-backups-'));
        mkdirSync(join(root, 'etc'));
        return { files: new NodeHostFiles(root), names: () => readdirSync(join(root, 'etc/jail.conf.d')).sort() };
      },
    },
  ];
}

/** Writes jail(0), jail(1), … jail(count - 1) one after the other: every write after the first makes a backup. */
async function writeTimes(persist: PersistService, count: number) {
  for (let n = 0; n < count; n++)
    persist.write((await persist.preview({ files: [jail(n)], override: { reason: 'backup test' } })).id, {}, 't');
}

const service = (files: HostFiles, keepBackups?: number) =>
  new PersistService({
    files,
    stateDir: mkdtempSync(join(tmpdir(), 'pb-backups-state-')),
    now: () => AT,
    allowRawFiles: true,
    ...(keepBackups === undefined ? {} : { keepBackups }),
  });

/** The name backupPath gives the n-th backup: the service moves each one millisecond past the last. */
const nthBackup = (n: number) => backupPath(JAIL, new Date(AT.getTime() + n)).slice('/etc/jail.conf.d/'.length);

for (const { name, make } of implementations()) {
  describe(`${name}: backups are pruned after a write`, () => {
    it('keeps the newest 10 by default', async () => {
      const { files, names } = make();
      await writeTimes(service(files), 13);
      // 12 backups were made (the first write created the file); the 2 oldest are gone.
      expect(names()).toEqual(['www.conf', ...Array.from({ length: 10 }, (_, i) => nthBackup(i + 2))].sort());
      expect(files.read(JAIL)).toBe(jail(12).content);
    });

    it("keeps the newest keepBackups, journals what it removed, and leaves other files' backups alone", async () => {
      const { files, names } = make();
      files.write('/etc/jail.conf.d/other.conf', 'x\n');
      files.backup(
        '/etc/jail.conf.d/other.conf',
        backupPath('/etc/jail.conf.d/other.conf', new Date('2020-01-01T00:00:00.000Z')),
      );
      const persist = service(files, 2);
      await writeTimes(persist, 5);
      expect(names()).toEqual(
        [
          'other.conf',
          'other.conf.patchbay-2020-01-01T00:00:00.000Z.bak',
          'www.conf',
          nthBackup(2),
          nthBackup(3),
        ].sort(),
      );
      const pruned = persist.journal.entries().filter((e) => e.type === 'persist-prune');
      expect(pruned.map((e) => (e.type === 'persist-prune' ? e.removed : []))).toEqual([
        [`/etc/jail.conf.d/${nthBackup(0)}`],
        [`/etc/jail.conf.d/${nthBackup(1)}`],
      ]);
    });
  });
}

describe('backup retention rules', () => {
  it('sorts backups by the time in their names, newest kept', () => {
    const at = (iso: string) => backupPath('/etc/rc.conf', new Date(iso));
    expect(
      backupsBeyond(
        [at('2026-01-02T00:00:00.000Z'), at('2025-12-31T23:59:59.999Z'), at('2026-01-01T00:00:00.000Z')],
        2,
      ),
    ).toEqual([at('2025-12-31T23:59:59.999Z')]);
  });

  it('never keeps fewer than one backup (the one just made)', () => {
    expect(() => checkKeepBackups(0)).toThrow(/from 1 to 1000/);
    expect(() => checkKeepBackups(2.5)).toThrow(RangeError);
    expect(checkKeepBackups(1)).toBe(1);
  });

  it('a name that only looks like a backup is not one', () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-backups-'));
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc/rc.conf'), 'a\n');
    writeFileSync(join(root, 'etc/rc.conf.patchbay-yesterday.bak'), 'keep me\n');
    writeFileSync(join(root, 'etc/rc.conf.local.patchbay-2020-01-01T00:00:00.000Z.bak'), 'keep me\n');
    const files = new NodeHostFiles(root);
    files.backup('/etc/rc.conf', backupPath('/etc/rc.conf', AT));
    expect(files.backups('/etc/rc.conf')).toEqual([backupPath('/etc/rc.conf', AT)]);
    expect(() => files.removeBackup('/etc/rc.conf', '/etc/rc.conf.patchbay-yesterday.bak')).toThrow(
      /not a backup name/,
    );
  });
});
