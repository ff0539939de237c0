import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { BEGIN_MARK, END_MARK } from '../../core/render/persist-rules';
import { anchorFilePath } from '../../core/render/pf-files';
import { renderConfig } from '../../core/render/render-all';
import { FreebsdEmulator } from '../emulator/emulator';
import { createDemoFiles, MemoryHostFiles } from './memory-files';
import { PersistService, type PersistFile, type PersistRequest } from './persist-service';

const AT = new Date('2026-03-04T05:06:07.089Z');
const JAIL = '/etc/jail.conf.d/www.conf';
const jailFile = (body = 'www { persist; }'): PersistFile => ({
  path: JAIL,
  owner: 'patchbay',
  content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\n${body}\n`,
});
const rcLines = (lines: string): PersistFile => ({ path: '/etc/rc.conf', owner: 'user', content: lines });

/** A file's content as stored, backups included (read() only opens allowed paths). */
function stored(files: MemoryHostFiles, path: string) {
  const entry = files.entries.get(path);
  return entry?.type === 'file' ? entry.content : undefined;
}

/** Files given as they are: the rules below are the same for rendered files, and these tests need odd content. */
const raw = (files: PersistFile[]): PersistRequest => ({ files, override: { reason: 'test of the file rules' } });

function service(
  files: MemoryHostFiles = new MemoryHostFiles().set('/etc', { type: 'dir' }).set('/usr/local/etc', { type: 'dir' }),
) {
  return {
    files,
    persist: new PersistService({
      files,
      stateDir: mkdtempSync(join(tmpdir(), 'pb-persist-')),
      now: () => AT,
      allowRawFiles: true,
    }),
  };
}

describe('PersistService', () => {
  it('creates a new Patchbay file: preview with a diff from /dev/null, then the write, journaled', async () => {
    const { files, persist } = service();
    const preview = await persist.preview(raw([jailFile()]));
    expect(preview.changes).toEqual([
      {
        path: JAIL,
        owner: 'patchbay',
        action: 'create',
        diff: expect.stringContaining('--- /dev/null\n+++ /etc/jail.conf.d/www.conf\n@@ -0,0 +1,2 @@\n'),
        conflicts: [],
        foreign: false,
      },
    ]);
    expect(files.read(JAIL)).toBeUndefined(); // a preview writes nothing
    expect(persist.write(preview.id, {}, 'tester')).toEqual({ written: [{ path: JAIL }] });
    expect(files.read(JAIL)).toBe(jailFile().content);
    expect(persist.journal.entries().map((e) => e.type)).toEqual(['persist-start', 'persist-file', 'persist-end']);
    expect(persist.journal.entries()[0]).toMatchObject({
      who: 'tester',
      files: [{ path: JAIL, action: 'create', before: 'absent' }],
    });
    // A preview is written once.
    expect(() => persist.write(preview.id, {}, 'tester')).toThrow(/No preview/);
  });

  it('updates with a backup of the old file, and then previews it as unchanged', async () => {
    const { files, persist } = service();
    persist.write((await persist.preview(raw([jailFile()]))).id, {}, 't');
    const preview = await persist.preview(raw([jailFile('www { persist; vnet; }')]));
    expect(preview.changes[0]).toMatchObject({
      action: 'update',
      diff: expect.stringContaining('-www { persist; }\n+www { persist; vnet; }\n'),
    });
    const backup = `${JAIL}.patchbay-2026-03-04T05:06:07.089Z.bak`;
    expect(persist.write(preview.id, {}, 't')).toEqual({ written: [{ path: JAIL, backup }] });
    expect(stored(files, backup)).toBe(jailFile().content);
    expect(files.log.slice(-2)).toEqual([`backup ${JAIL} ${backup}`, `write ${JAIL}`]);
    expect((await persist.preview(raw([jailFile('www { persist; vnet; }')]))).changes[0]).toMatchObject({
      action: 'unchanged',
      diff: '',
    });
  });

  it('refuses to overwrite a foreign file unless the write adopts it', async () => {
    const { files, persist } = service();
    files.file(JAIL, 'www { path = /jails/www; }\n');
    const preview = await persist.preview(raw([jailFile()]));
    expect(preview.changes[0]).toMatchObject({
      action: 'update',
      foreign: true,
      reason: expect.stringMatching(/was not written by Patchbay/),
    });
    expect(() => persist.write(preview.id, {}, 't')).toThrow(
      /etc\/jail.conf.d\/www.conf exist\(s\) and Patchbay did not write them; nothing is written/,
    );
    expect(() => persist.write(preview.id, { adopt: ['/etc/jail.conf.d/other.conf'] }, 't')).toThrow(
      /did not write them/,
    );
    expect(files.read(JAIL)).toBe('www { path = /jails/www; }\n');
    const { written } = persist.write(preview.id, { adopt: [JAIL] }, 't');
    expect(files.read(JAIL)).toBe(jailFile().content);
    expect(stored(files, written[0]!.backup!)).toBe('www { path = /jails/www; }\n');
    expect(persist.journal.entries()[0]).toMatchObject({ adopted: [JAIL] });
  });

  it('adds a marked block to rc.conf, reports a variable the admin sets too, and writes only when conflicts are allowed', async () => {
    const { files, persist } = service(createDemoFiles());
    const before = files.read('/etc/rc.conf')!;
    const preview = await persist.preview(raw([rcLines('gateway_enable="YES"\ndefaultrouter="192.168.1.1"\n')]));
    const change = preview.changes[0]!;
    expect(change.action).toBe('update');
    expect(change.conflicts).toEqual([
      'defaultrouter is set on line 3 (defaultrouter="192.168.1.254") and in Patchbay\'s block (defaultrouter="192.168.1.1"); the block comes later and wins.',
    ]);
    expect(change.diff).toContain(
      `+${BEGIN_MARK}\n+gateway_enable="YES"\n+defaultrouter="192.168.1.1"\n+${END_MARK}\n`,
    );
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/defaultrouter is set on line 3[\s\S]*allowConflicts/);
    expect(files.read('/etc/rc.conf')).toBe(before);
    const { written } = persist.write(preview.id, { allowConflicts: true }, 't');
    expect(files.read('/etc/rc.conf')).toBe(
      `${before}\n${BEGIN_MARK}\ngateway_enable="YES"\ndefaultrouter="192.168.1.1"\n${END_MARK}\n`,
    );
    expect(stored(files, written[0]!.backup!)).toBe(before);
    // The next write replaces the block instead of adding a second one.
    const again = await persist.preview(raw([rcLines('gateway_enable="YES"\n')]));
    expect(again.changes[0]).toMatchObject({ action: 'update', conflicts: [] });
    persist.write(again.id, {}, 't');
    expect(files.read('/etc/rc.conf')).toBe(`${before}\n${BEGIN_MARK}\ngateway_enable="YES"\n${END_MARK}\n`);
  });

  it('refuses, changing nothing, when a file changed on disk since the preview', async () => {
    const { files, persist } = service(createDemoFiles());
    const preview = await persist.preview(raw([jailFile(), rcLines('jail_enable="YES"\n')]));
    files.file('/etc/rc.conf', `${files.read('/etc/rc.conf')}ntpd_sync_on_start="YES"\n`);
    expect(() => persist.write(preview.id, {}, 't')).toThrow(
      /\/etc\/rc.conf changed on the host since the preview; nothing is written/,
    );
    expect(files.read(JAIL)).toBeUndefined();
    expect(files.log).toEqual([]);
    expect(persist.journal.entries()).toEqual([]);
  });

  it('refuses a file that appeared since the preview, and one that an unchanged preview relied on', async () => {
    const { files, persist } = service();
    const preview = await persist.preview(raw([jailFile()]));
    files.file(JAIL, 'someone else\n');
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/changed on the host since the preview/);
  });

  it('refuses paths outside the allow-list, pf.conf, owners that do not match, and content without the header; the whole write then refuses', async () => {
    const { files, persist } = service(createDemoFiles());
    const preview = await persist.preview(
      raw([
        { path: '/etc/passwd', owner: 'user', content: 'toor::0:0::/root:/bin/sh\n' },
        { path: '/etc/pf.conf', owner: 'user', content: 'anchor "patchbay/*"\n' },
        {
          path: '/etc/rc.conf',
          owner: 'patchbay',
          content: '# /etc/rc.conf: x, written by Patchbay from the design "t".\n',
        },
        { path: JAIL, owner: 'patchbay', content: 'www { persist; }\n' },
        jailFile(),
      ]),
    );
    expect(preview.changes.map((c) => [c.path, c.action])).toEqual([
      ['/etc/passwd', 'refused'],
      ['/etc/pf.conf', 'refused'],
      ['/etc/rc.conf', 'refused'],
      [JAIL, 'refused'],
      [JAIL, 'refused'],
    ]);
    expect(preview.changes[0]!.reason).toMatch(/^\/etc\/passwd is outside what Patchbay may write/);
    expect(preview.changes[1]!.reason).toMatch(/never writes it/);
    expect(preview.changes[2]!.reason).toMatch(/is yours/);
    expect(preview.changes[3]!.reason).toMatch(/does not start with Patchbay's header/);
    expect(preview.changes[4]!.reason).toMatch(/given twice/);
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/refused 5 file\(s\), so nothing is written/);
    expect(files.log).toEqual([]);
  });

  it('refuses a symlinked file in the preview', async () => {
    const { files, persist } = service(createDemoFiles());
    files.set('/etc/sysctl.conf', { type: 'symlink', target: '/etc/master.passwd' });
    const preview = await persist.preview(
      raw([{ path: '/etc/sysctl.conf', owner: 'user', content: 'net.link.bridge.pfil_member=0\n' }]),
    );
    expect(preview.changes[0]).toMatchObject({
      action: 'refused',
      reason: '/etc/sysctl.conf is a symbolic link; Patchbay reads and writes only regular files.',
    });
  });

  it('forgets previews after ten minutes', async () => {
    let now = AT;
    const files = new MemoryHostFiles().set('/etc', { type: 'dir' });
    const persist = new PersistService({
      files,
      stateDir: mkdtempSync(join(tmpdir(), 'pb-persist-')),
      now: () => now,
      allowRawFiles: true,
    });
    const preview = await persist.preview(raw([jailFile()]));
    now = new Date(AT.getTime() + 10 * 60_000 + 1);
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/No preview/);
  });

  it("checks every pf anchor file with the host's pfctl -n before it is written, and refuses the whole write for one it rejects", async () => {
    const files = new MemoryHostFiles().set('/etc', { type: 'dir' }).set('/usr/local/etc', { type: 'dir' });
    const host = new FreebsdEmulator({
      hostname: 'gateway.example.org',
      nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
    });
    const persist = new PersistService({
      files,
      stateDir: mkdtempSync(join(tmpdir(), 'pb-persist-')),
      now: () => AT,
      executor: host,
      allowRawFiles: true,
    });
    const anchor = (name: string, rules: string): PersistFile => {
      const path = anchorFilePath(name);
      return {
        path,
        owner: 'patchbay',
        content: `# ${path}: pf anchor "${name}", written by Patchbay from the design "t".\n${rules}\n`,
      };
    };
    const nat = anchor('patchbay/nat', 'nat on ixl0 inet from 10.17.89.0/24 to any -> (ixl0)');
    const policy = anchor('patchbay/policy', 'pass in on');

    const preview = await persist.preview(raw([nat, policy, jailFile()]));
    expect(preview.changes.map((c) => [c.path, c.action])).toEqual([
      [nat.path, 'create'],
      [policy.path, 'refused'],
      [JAIL, 'create'],
    ]);
    expect(preview.changes[1]!.reason).toMatch(
      /^pfctl -n -a patchbay\/policy refuses this file \(stdin:2: syntax error\); at boot that would roll back the whole pf\.conf load/,
    );
    // Only the anchor files went to pfctl, each as a check (-n) on standard input; the jail file did not.
    expect(host.calls.map((c) => c.argv.join(' '))).toEqual([
      'pfctl -n -a patchbay/nat -f -',
      'pfctl -n -a patchbay/policy -f -',
    ]);
    expect(() => persist.write(preview.id, {}, 't')).toThrow(/refused 1 file\(s\), so nothing is written/);
    expect([nat.path, JAIL].map((path) => files.read(path))).toEqual([undefined, undefined]);
    // Nothing was loaded into the host's pf by the check.
    expect(host.runSync({ argv: ['pfctl', '-a', 'patchbay/nat', '-sn'] }).stdout).toBe('');
  });
});

describe('PersistService: only what it rendered from a design, unless overridden', () => {
  const EVIL: PersistFile = {
    path: JAIL,
    owner: 'patchbay',
    content: `# ${JAIL}: jail www, written by Patchbay from the design "t".\nwww {\n  exec.prestart = "$(rm -rf /)";\n}\n`,
  };

  it("renders { topology } itself: the design's files with their purposes, pf.conf only shown (manual), and a write journaled as from the design", async () => {
    const files = createDemoFiles();
    const persist = new PersistService({ files, stateDir: mkdtempSync(join(tmpdir(), 'pb-persist-')), now: () => AT });
    const topology = blogNetwork();
    const rendered = renderConfig(topology);
    const preview = await persist.preview({ topology }, 'tester');
    expect(preview.source).toBe('design');
    expect(preview.changes.map((c) => c.path)).toEqual(
      rendered.filter((f) => f.path !== '/etc/pf.conf').map((f) => f.path),
    );
    expect(
      preview.changes.every(
        (c) => c.action !== 'refused' && c.purpose === rendered.find((f) => f.path === c.path)!.purpose,
      ),
    ).toBe(true);
    expect(preview.manual).toEqual([
      { path: '/etc/pf.conf', content: rendered.at(-1)!.content, purpose: rendered.at(-1)!.purpose },
    ]);
    persist.write(preview.id, { allowConflicts: true }, 'tester');
    const jail = rendered.find((f) => f.path.startsWith('/etc/jail.conf.d/'))!;
    expect(files.read(jail.path)).toBe(jail.content);
    expect(persist.journal.entries()[0]).toMatchObject({ type: 'persist-start', who: 'tester', source: 'design' });
    expect(persist.journal.entries()[0]).not.toHaveProperty('override');
  });

  it('refuses a design with a value that cannot be written safely, as a bad request naming the field', async () => {
    const { persist } = service(createDemoFiles());
    const topology = blogNetwork();
    topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'bridge0')!.description = 'x"$(reboot)"';
    await expect(persist.preview({ topology })).rejects.toMatchObject({
      name: 'PersistRefused',
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/bridge0 description/),
    });
  });

  it('refuses files given as they are on an agent without allowRawFiles, with or without an override, and writes nothing', async () => {
    const files = new MemoryHostFiles().set('/etc', { type: 'dir' });
    const persist = new PersistService({ files, stateDir: mkdtempSync(join(tmpdir(), 'pb-persist-')), now: () => AT });
    await expect(persist.preview({ files: [EVIL], override: { reason: 'please' } })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/--allow-raw-files/),
    });
    expect(files.log).toEqual([]);
    expect(persist.journal.entries()).toEqual([]);
  });

  it("with allowRawFiles and a reason, writes them and journals who, when, the reason and each file's full diff", async () => {
    const { files, persist } = service();
    await expect(persist.preview({ files: [EVIL], override: { reason: '   ' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const preview = await persist.preview(
      { files: [EVIL], override: { reason: 'ticket 42: hand-made prestart' } },
      'alice',
    );
    expect(preview).toMatchObject({ source: 'override', manual: [] });
    persist.write(preview.id, {}, 'bob');
    expect(files.read(JAIL)).toBe(EVIL.content);
    const start = persist.journal.entries()[0]!;
    expect(start).toMatchObject({
      type: 'persist-start',
      at: AT.toISOString(),
      who: 'bob',
      source: 'override',
      override: { reason: 'ticket 42: hand-made prestart', previewedBy: 'alice' },
    });
    const diffs = start.type === 'persist-start' ? start.override!.diffs : [];
    expect(diffs).toEqual([{ path: JAIL, diff: preview.changes[0]!.diff }]);
    expect(diffs[0]!.diff).toContain('+  exec.prestart = "$(rm -rf /)";');
  });
});
