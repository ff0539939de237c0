import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// jail(8)'s root parameters against the emulator: path (jail.c create_jail()), mount.devfs and
// devfs_ruleset (command.c run_command() IP_MOUNT_DEVFS, check_path()), as the plan and the rendered
// jail.conf.d files give them for a rooted jail (core/topology/jail-root.ts).

const ROOT = '/usr/local/jails/containers/web';

function host(directories: string[] = [ROOT, `${ROOT}/dev`], files: Record<string, string> = {}) {
  const emulator = new FreebsdEmulator({ nics: [{ name: 'em0' }], directories, files });
  const run = (argv: string[]) => emulator.runSync({ argv });
  return { emulator, run };
}

const create = (...extra: string[]) => ['jail', '-c', 'name=web', 'host.hostname=web', ...extra, 'persist', 'vnet'];

describe('jail -c with a root', () => {
  it('creates the jail in its directory, devfs mounted on <path>/dev with the ruleset given', () => {
    const { emulator, run } = host();
    expect(run(create(`path=${ROOT}`, 'mount.devfs', 'devfs_ruleset=5'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect([...emulator.state.jails.values()].map((j) => [j.name, j.path])).toEqual([['web', ROOT]]);
    expect(emulator.state.mounts.get(`${ROOT}/dev`)).toEqual({ fstype: 'devfs', ruleset: '5' });
    expect(run(['jls', 'name', 'path']).stdout).toContain(ROOT);
  });

  it("mounts with jail(8)'s own ruleset 4 when devfs_ruleset is not given", () => {
    const { emulator, run } = host();
    expect(run(create(`path=${ROOT}`, 'mount.devfs')).code).toBe(0);
    expect(emulator.state.mounts.get(`${ROOT}/dev`)?.ruleset).toBe('4');
  });

  it('refuses a root that does not exist or is a file, and creates nothing', () => {
    const { emulator, run } = host([], { '/usr/local/jails/file': 'x' });
    expect(run(create('path=/usr/local/jails/missing'))).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: path /usr/local/jails/missing: No such file or directory\n',
    });
    expect(run(create('path=/usr/local/jails/file')).stderr).toBe(
      'jail: path /usr/local/jails/file: Not a directory\n',
    );
    expect(emulator.state.jails.size).toBe(0);
  });

  it('refuses mount.devfs without a path, or without <path>/dev, before the jail is made', () => {
    const { emulator, run } = host([ROOT]);
    expect(run(create('mount.devfs')).stderr).toBe('jail: mount.devfs: no jail root path defined\n');
    expect(run(create(`path=${ROOT}`, 'mount.devfs')).stderr).toBe(
      `jail: mount.devfs: ${ROOT}/dev: No such file or directory\n`,
    );
    expect(emulator.state.jails.size).toBe(0);
    expect(emulator.state.mounts.size).toBe(0);
  });

  it('refuses a malformed devfs_ruleset and a malformed mount.devfs as jail(8) does', () => {
    const { run } = host();
    expect(run(create(`path=${ROOT}`, 'devfs_ruleset=five')).stderr).toBe(
      'jail: devfs_ruleset: non-integer value "five"\n',
    );
    expect(run(create(`path=${ROOT}`, 'mount.devfs=maybe')).stderr).toBe(
      'jail: mount.devfs: unknown boolean value "maybe"\n',
    );
  });

  it('unmounts devfs when a start fails after the mount (the start list walked backwards)', () => {
    const { emulator, run } = host();
    expect(run(['ifconfig', 'epair', 'create']).code).toBe(0);
    const failed = run(create(`path=${ROOT}`, 'mount.devfs', 'vnet.interface=nosuch0'));
    expect(failed.code).toBe(1);
    expect(emulator.state.jails.size).toBe(0);
    expect(emulator.state.mounts.size).toBe(0);
  });
});

describe('jail.conf with a root, started and stopped by name', () => {
  const conf = `web {\n\tpath = "${ROOT}";\n\thost.hostname = "web";\n\tmount.devfs;\n\tdevfs_ruleset = 5;\n\tpersist;\n\tvnet;\n}\n`;

  it('says a relative path is not absolute, for a jail named in jail.conf', () => {
    const { run } = host([], { '/etc/jail.conf': 'web { path = "jails/web"; persist; vnet; }\n' });
    expect(run(['jail', '-c', 'web']).stderr).toBe('jail: web: path jails/web: not an absolute pathname\n');
  });

  it('mounts devfs on start and unmounts it on jail -r; jail -R leaves it mounted (jail.8 -R)', () => {
    const { emulator, run } = host([ROOT, `${ROOT}/dev`], { '/etc/jail.conf': conf });
    expect(run(['jail', '-c', 'web']).code).toBe(0);
    expect(emulator.state.mounts.has(`${ROOT}/dev`)).toBe(true);
    expect(run(['jail', '-r', 'web']).code).toBe(0);
    expect(emulator.state.mounts.has(`${ROOT}/dev`)).toBe(false);
    expect(run(['jail', '-c', 'web']).code).toBe(0);
    expect(run(['jail', '-R', 'web']).code).toBe(0);
    expect(emulator.state.jails.size).toBe(0);
    expect(emulator.state.mounts.has(`${ROOT}/dev`)).toBe(true);
  });
});
