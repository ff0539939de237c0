import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// jail(8) against the emulator: the command line, jail.conf, start/stop order and failure.
// Sources are cited in commands/jail.ts, jail-conf/*.ts and docs/freebsd/jail.md.

function host(files: Record<string, string> = {}) {
  const emulator = new FreebsdEmulator({ nics: [{ name: 'ixl0' }, { name: 'ixl1' }], files });
  const run = (argv: string[], jail?: string) => emulator.runSync({ argv, ...(jail !== undefined ? { jail } : {}) });
  const names = (jail?: string) => run(['ifconfig', '-l'], jail).stdout.trim().split(' ');
  const jails = () => [...emulator.state.jails.values()].map((j) => `${j.jid} ${j.name}`);
  return { emulator, run, names, jails };
}

const USAGE = `usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]
            -[cmr] param=value ... [command=command ...]
       jail [-dqv] [-f file] -[cmr] [jail]
       jail [-qv] [-f file] -[rR] ['*' | jail ...]
       jail [-dhilqv] [-J jid_file] [-u username] [-U username]
            [-n jailname] [-s securelevel]
            path hostname ip[,...] command ...
       jail [-f file] -e separator
`;

describe('jail -c param=value ... (a jail from the command line)', () => {
  it("creates the agent's jail silently: a command-line jail has no name to print (jail_basic_test.sh nested: -o empty)", () => {
    const { run, jails, names } = host();
    expect(run(['ifconfig', 'epair', 'create']).code).toBe(0);
    expect(
      run([
        'jail',
        '-c',
        'name=www',
        'host.hostname=www.example.org',
        'persist',
        'vnet',
        'children.max=0',
        'vnet.interface=epair0b',
      ]),
    ).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(jails()).toEqual(['1 www']);
    expect(names('www')).toEqual(['lo0', 'epair0b']);
  });

  it('-i prints the jid', () => {
    expect(host().run(['jail', '-i', '-c', 'name=www', 'persist'])).toEqual({ code: 0, stdout: '1\n', stderr: '' });
  });

  it('"name=a,b" on the command line moves both interfaces (jail_basic_test.sh list)', () => {
    const { run, names } = host();
    run(['ifconfig', 'epair', 'create']);
    expect(run(['jail', '-c', 'name=basejail', 'vnet', 'persist', 'vnet.interface=epair0a,epair0b']).code).toBe(0);
    expect(names('basejail')).toEqual(['lo0', 'epair0a', 'epair0b']);
  });

  it('refuses a jail that exists: jail_quoted_warnx "\\"www\\" already exists"', () => {
    const { run } = host();
    run(['jail', '-c', 'name=www', 'persist']);
    expect(run(['jail', '-c', 'name=www', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: "www" already exists\n',
    });
  });

  it('prints every unknown parameter (libjail jailparam_init), then fails', () => {
    const { run, jails } = host();
    expect(run(['jail', '-c', 'name=www', 'persist', 'foo=1', 'bar', 'novnet', 'children.nomax'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'jail: unknown parameter: foo\njail: unknown parameter: bar\njail: unknown parameter: novnet\njail: unknown parameter: children.nomax\n',
    });
    expect(jails()).toEqual([]);
  });

  it('words bad values as libjail jailparam_import does', () => {
    const { run } = host();
    expect(run(['jail', '-c', 'name=a', 'persist=yes']).stderr).toBe('jail: persist: unknown boolean value "yes"\n');
    expect(run(['jail', '-c', 'name=a', 'persist', 'children.max=many']).stderr).toBe(
      'jail: children.max: non-integer value "many"\n',
    );
    expect(run(['jail', '-c', 'name=a', 'persist', 'vnet=maybe']).stderr).toBe(
      'jail: vnet: unknown jailsys value "maybe"\n',
    );
    expect(run(['jail', '-c', 'name=a', 'persist', 'exec.clean=sometimes']).stderr).toBe(
      'jail: exec.clean: unknown boolean value "sometimes"\n',
    );
  });

  it('a repeated parameter is appended to or emptied (add_param); name cannot be given twice', () => {
    const { run, jails } = host();
    expect(run(['jail', '-c', 'name=a', 'name=b', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: cannot redefine parameter "name".\n',
    });
    expect(run(['jail', '-c', 'name=www', 'persist=false', 'persist'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['jail', '-c', 'name=db', 'persist', 'nopersist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: new jail must persist or attach\n',
    });
    expect(jails()).toEqual(['1 www']);
  });

  it('needs persist or a command: kern_jail_set "new jail must persist or attach"', () => {
    const { run } = host();
    expect(run(['jail', '-c', 'name=www', 'vnet'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: new jail must persist or attach\n',
    });
    expect(run(['jail', '-c', 'name=www', 'nopersist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: new jail must persist or attach\n',
    });
  });

  it('a nested name needs its parent: "jail \\"lab1\\" not found"', () => {
    expect(host().run(['jail', '-c', 'name=lab1.lab2', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: jail "lab1" not found\n',
    });
  });

  it('a child may not be allowed as many children as its parent (kern_jail_set "childmax >= ppr->pr_childmax")', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=lab1', 'persist', 'vnet', 'children.max=1']);
    expect(run(['jail', '-c', 'name=lab1.lab2', 'persist', 'vnet', 'children.max=1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: jail_set: Operation not permitted\n',
    });
    expect(run(['jail', '-c', 'name=lab1.lab2', 'persist', 'vnet', 'children.max=0']).code).toBe(0);
    // The host is not bound by lab1's children.max: the kernel checks the creating process's own prison chain.
    expect(run(['jail', '-c', 'name=lab1.lab3', 'persist', 'vnet', 'children.max=0']).code).toBe(0);
    // The refused create had already taken jid 2 (kern_jail_set allocates it before its final checks).
    expect(jails()).toEqual(['1 lab1', '3 lab1.lab2', '4 lab1.lab3']);
  });

  it('an all-digit name is the jid it asks for; any other number is refused (kern_jail_set)', () => {
    const { run, jails } = host();
    expect(run(['jail', '-c', 'name=7', 'persist']).code).toBe(0);
    expect(run(['jail', '-c', 'name=0', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: name cannot be numeric (unless it is the jid)\n',
    });
    expect(run(['jail', '-c', 'name=08', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: name cannot be numeric (unless it is the jid)\n',
    });
    expect(run(['jail', '-c', 'name=www', 'persist']).code).toBe(0);
    // name=0 asked for no jid, so one was allocated (1) before the name was refused; name=08 asked for 8.
    expect(jails()).toEqual(['7 7', '2 www']);
    // jid 7 is taken, so a jail named 7 again cannot be.
    run(['jail', '-r', 'www']);
    expect(run(['jail', '-c', 'name=007', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: jail 7 already exists\n',
    });
  });

  it('runs exec.* from the command line too, with no name in its messages', () => {
    const { run, jails } = host();
    expect(run(['jail', '-c', 'name=www', 'persist', 'exec.prestart=/sbin/ifconfig nosuch0 up'])).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/\njail: \/sbin\/ifconfig nosuch0 up: failed\n$/),
    });
    expect(jails()).toEqual([]);
  });

  it('a vnet.interface that does not exist: ifconfig fails, "jail: /sbin/ifconfig <if> vnet <jail>: failed", and the jail is removed', () => {
    const { run, jails } = host();
    const out = run(['jail', '-c', 'name=www', 'persist', 'vnet', 'vnet.interface=nosuch0']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^ifconfig: .*\njail: \/sbin\/ifconfig nosuch0 vnet www: failed\n$/);
    expect(jails()).toEqual([]);
  });

  it('refuses what it does not model', () => {
    const { run } = host();
    expect(run(['jail', '-v', '-c', 'name=a', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: emulator: unsupported: option -v\n',
    });
    expect(run(['jail', '-c', 'name=a', 'persist', 'path=jails/a']).stderr).toMatch(
      /^jail: emulator: unsupported: a relative path \("jails\/a"\) on the command line/,
    );
    expect(run(['jail', '-c', 'name=a', 'persist', 'ip4.addr=10.0.0.300']).stderr).toMatch(
      /^jail: emulator: unsupported: ip4.addr "10.0.0.300": not an address/,
    );
    expect(run(['jail', '-c', 'name=a', 'persist', 'securelevel=3']).stderr).toBe(
      'jail: emulator: unsupported: parameter securelevel\n',
    );
    expect(run(['jail', '-c', 'name=a', 'persist', 'mount.procfs']).stderr).toMatch(
      /unsupported: parameter mount.procfs/,
    );
    expect(run(['jail', '-cm', 'name=a', 'persist']).stderr).toMatch(/unsupported: -cm/);
    expect(run(['jail', '/', 'host', '', '/bin/sh']).stderr).toMatch(/unsupported: the old-style command line/);
    expect(run(['jail', '-c', 'name=a', 'persist'], undefined).code).toBe(0);
    expect(run(['jail', '-c', 'name=b', 'persist'], 'a').stderr).toBe(
      'jexec: emulator: unsupported: jail inside a jail without a vnet of its own\n',
    );
    expect(run(['jail', '-c', 'name=a2', 'persist', 'meta=x']).stderr).toBe(
      'jail: emulator: unsupported: parameter meta\n',
    );
  });
});

describe("jail -c run by a jail's process (jexec <jail> jail -c ...)", () => {
  it('names the child relative to the jail; the host sees "parent.child"', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=parent', 'persist', 'vnet', 'children.max=1']);
    expect(run(['jail', '-c', 'name=child', 'persist'], 'parent')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(jails()).toEqual(['1 parent', '2 parent.child']);
    expect(run(['jls', 'name', 'parent'])).toEqual({ code: 0, stdout: 'parent 0\nparent.child 1\n', stderr: '' });
  });

  it('over its children.max: "prison limit exceeded" (kern_jail_set, jail_basic_test.sh nested_body)', () => {
    const { run } = host();
    run(['jail', '-c', 'name=parent', 'persist', 'vnet', 'children.max=1']);
    run(['jail', '-c', 'name=child', 'persist'], 'parent');
    expect(run(['jail', '-c', 'name=second', 'persist'], 'parent')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: prison limit exceeded\n',
    });
  });

  it('from a jail with children.max=0: "jail_set: Operation not permitted" (kern_jail_set, jail_basic_test.sh nested_body)', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=nochild', 'persist', 'vnet']);
    expect(run(['jail', '-c', 'name=child', 'persist'], 'nochild')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: jail_set: Operation not permitted\n',
    });
    expect(jails()).toEqual(['1 nochild']);
  });

  it('refuses the forms it does not model from inside a jail', () => {
    const { run } = host();
    run(['jail', '-c', 'name=parent', 'persist', 'vnet', 'children.max=1']);
    expect(run(['jail', '-r', 'x'], 'parent').stderr).toBe(
      'jail: emulator: unsupported: jail(8) inside a jail other than -c param=value\n',
    );
    expect(run(['jail', '-c', 'name=c', 'persist', 'exec.start=true'], 'parent').stderr).toBe(
      'jail: emulator: unsupported: exec.*, vnet.interface and depend from inside a jail\n',
    );
  });
});

describe('jail -r and jail -m', () => {
  it('-r by name or by jid (an all-digit argument is a jid), silent without /etc/jail.conf', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=www', 'persist']);
    run(['jail', '-c', 'name=db', 'persist']);
    expect(run(['jail', '-r', '2'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(jails()).toEqual(['1 www']);
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 1, stdout: '', stderr: 'jail: "www" not found\n' });
  });

  it('-r of several jails prints "removed" for each (note_remove: argc > 1), and goes on after a missing one', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=www', 'persist']);
    run(['jail', '-c', 'name=db', 'persist']);
    expect(run(['jail', '-r', 'www', 'nope', 'db'])).toEqual({
      code: 1,
      stdout: 'www: removed\ndb: removed\n',
      stderr: 'jail: "nope" not found\n',
    });
    expect(jails()).toEqual([]);
  });

  it('-r removes the children with their parent', () => {
    const { run, jails } = host();
    run(['jail', '-c', 'name=lab1', 'persist', 'children.max=1']);
    run(['jail', '-c', 'name=lab1.lab2', 'persist']);
    run(['jail', '-r', 'lab1']);
    expect(jails()).toEqual([]);
  });

  it('-r prints "removed" when /etc/jail.conf exists, even for a jail it does not define (docf)', () => {
    const { run } = host({ '/etc/jail.conf': 'other { persist; }\n' });
    run(['jail', '-c', 'name=www', 'persist']);
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 0, stdout: 'www: removed\n', stderr: '' });
  });

  it('-r with no jail, or with param=value, is a usage error', () => {
    const { run } = host();
    expect(run(['jail', '-r'])).toEqual({ code: 1, stdout: '', stderr: USAGE });
    expect(run(['jail', '-r', 'name=www'])).toEqual({ code: 1, stdout: '', stderr: USAGE });
  });

  it("-m sets children.max, silently, and lowers the descendants' under it", () => {
    const { emulator, run } = host();
    run(['jail', '-c', 'name=lab1', 'persist', 'children.max=3']);
    run(['jail', '-c', 'name=lab1.lab2', 'persist', 'children.max=2']);
    expect(run(['jail', '-m', 'name=lab1', 'children.max=1'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect([...emulator.state.jails.values()].map((j) => j.childrenMax)).toEqual([1, 0]);
    expect(run(['jail', '-m', 'name=lab1.lab2', 'children.max=1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: jail_set: Operation not permitted\n',
    });
    expect(run(['jail', '-m', 'name=nope', 'children.max=1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: "nope" not found\n',
    });
    expect(run(['jail', '-m', 'name=lab1', 'host.hostname=lab.example.org'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(emulator.state.jails.get(1)!.hostname).toBe('lab.example.org');
    expect(run(['jail', '-m', 'name=lab1', 'persist']).stderr).toMatch(/unsupported: -m of persist/);
    expect(run(['jail', '-m', 'name=nope', 'persist'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: "nope" not found\n',
    });
  });
});

// What Patchbay's renderer writes (issue 13): `$` meant for sh is written `\$` in jail.conf, or
// jail(8) takes it for one of its own variables.
const RENDERED = String.raw`
www {
  host.hostname = "www";
  persist;
  vnet;
  children.max = 0;
  vnet.interface = "e0b_www", ixl1;
  exec.prestart += "/sbin/ifconfig e0a_www destroy 2>/dev/null || true";
  exec.prestart += "epair=\$(/sbin/ifconfig epair create) && /sbin/ifconfig \"\$epair\" name e0a_www && /sbin/ifconfig \"\${epair%a}b\" name e0b_www";
  exec.prestart += "/sbin/ifconfig e0a_www description 'patchbay epair e0a_www/e0b_www' up";
  exec.prestart += "/sbin/ifconfig bridge0 addm e0a_www";
  exec.start += "/sbin/ifconfig lo0 inet 127.0.0.1/8 alias up";
  exec.start += "/sbin/ifconfig e0b_www inet 10.0.0.2/24 up";
  exec.start += "/sbin/route add default 10.0.0.1";
  exec.start += "/sbin/sysctl net.inet.ip.forwarding=1";
  exec.prestop += "/sbin/ifconfig ixl1 -vnet www";
  exec.poststop += "/sbin/ifconfig e0a_www destroy";
}
`;

describe('jail -c <name> from jail.conf: the start and stop sequences', () => {
  it("runs the renderer's lines: prestart on the host, create, vnet.interface, exec.start inside the jail", () => {
    const { emulator, run, names } = host({ '/etc/jail.conf': RENDERED });
    run(['ifconfig', 'bridge', 'create']);
    const out = run(['jail', '-c', 'www']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('www: created\n');
    expect(names()).toEqual(['ixl0', 'lo0', 'bridge0', 'e0a_www']);
    expect(names('www')).toEqual(['lo0', 'e0b_www', 'ixl1']);
    const jail = [...emulator.state.jails.values()][0]!;
    expect(emulator.state.vnets.get(jail.vnet)!.sysctls.get('net.inet.ip.forwarding')).toBe('1');
    expect(run(['ifconfig', 'e0a_www']).stdout).toContain('description: patchbay epair e0a_www/e0b_www');
  });

  it('-r runs prestop on the host, removes, then poststop: ixl1 comes back and the epair is gone', () => {
    const { run, names, jails } = host({ '/etc/jail.conf': RENDERED });
    run(['ifconfig', 'bridge', 'create']);
    run(['jail', '-c', 'www']);
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 0, stdout: 'www: removed\n', stderr: '' });
    expect(jails()).toEqual([]);
    expect(names()).toEqual(['ixl0', 'lo0', 'bridge0', 'ixl1']);
  });

  it('-i prints the jid instead of "created"; -q prints neither', () => {
    const conf = { '/etc/jail.conf': 'www { persist; } db { persist; }' };
    const { run } = host(conf);
    expect(run(['jail', '-i', '-f', '/etc/jail.conf', '-c', 'www'])).toEqual({ code: 0, stdout: '1\n', stderr: '' });
    expect(run(['jail', '-q', '-c', 'db'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['jail', '-q', '-r', 'db'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads -f <file>, and says so when the file is missing or the jail is not in it', () => {
    const { run } = host({ '/etc/jail.conf.d/www.conf': 'www { persist; }' });
    expect(run(['jail', '-f', '/etc/jail.conf.d/www.conf', '-c', 'www'])).toEqual({
      code: 0,
      stdout: 'www: created\n',
      stderr: '',
    });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: /etc/jail.conf: No such file or directory\n',
    });
    expect(run(['jail', '-f', '/etc/jail.conf.d/www.conf', '-c', 'db'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: "db" not found\n',
    });
  });

  it('exec.created runs on the host after the jail exists and before vnet.interface', () => {
    const conf = String.raw`www { persist; vnet; exec.prestart = "/sbin/ifconfig epair create"; exec.created = "/sbin/ifconfig epair0a vnet www"; vnet.interface = epair0b; }`;
    const { run, names } = host({ '/etc/jail.conf': conf });
    expect(run(['jail', '-c', 'www'])).toEqual({ code: 0, stdout: 'epair0a\nwww: created\n', stderr: '' });
    expect(names('www')).toEqual(['lo0', 'epair0a', 'epair0b']);
  });

  it('a jail without persist goes away once its start is done: it runs no process to keep it (create_jail/clear_persist)', () => {
    const { run, jails } = host({
      '/etc/jail.conf': 'www { vnet; exec.start = "/sbin/sysctl net.inet.ip.forwarding"; }',
    });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 0,
      stdout: 'www: created\nnet.inet.ip.forwarding: 0\n',
      stderr: '',
    });
    expect(jails()).toEqual([]);
  });

  it('an unknown program: "exec <prog>: No such file or directory", then "<prog>: failed"', () => {
    const { run, jails } = host({ '/etc/jail.conf': 'www { persist; exec.prestart = "jib addm www ixl0"; }' });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: www: exec jib: No such file or directory\njail: www: jib addm www ixl0: failed\n',
    });
    expect(jails()).toEqual([]);
  });

  it('an exec string with a metacharacter goes through /bin/sh -c, which is what the message names', () => {
    const { run } = host({ '/etc/jail.conf': `www { persist; exec.prestart = "jib addm www ixl0 || false"; }` });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jib: not found\njail: www: /bin/sh -c jib addm www ixl0 || false: failed\n',
    });
  });

  it('refuses an exec string the mini-sh does not read, loudly', () => {
    const { run } = host({ '/etc/jail.conf': `www { persist; exec.prestart = "echo a | tee b"; }` });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'sh: emulator: unsupported: construct: "|" (only && and || join commands)\n',
    });
  });
});

describe('a failed start (issue 13 items 3 and 10)', () => {
  const failing = RENDERED.replace('exec.start += "/sbin/sysctl net.inet.ip.forwarding=1";', 'exec.start += "false";');

  it('a failed exec.start removes the jail, moves vnet.interface back, and never runs exec.poststop: the epair stays', () => {
    const { run, names, jails } = host({ '/etc/jail.conf': failing });
    run(['ifconfig', 'bridge', 'create']);
    const out = run(['jail', '-c', 'www']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('jail: www: false: failed\n');
    expect(out.stdout).toMatch(/www: created\n(.|\n)*www: removed\n$/);
    expect(jails()).toEqual([]);
    // e0b_www and ixl1 were moved back (ifconfig -vnet, newest first); exec.poststop would have destroyed e0a_www.
    expect(names()).toEqual(['ixl0', 'lo0', 'bridge0', 'e0a_www', 'ixl1', 'e0b_www']);
  });

  it('a prestart that first destroys what a failed start left lets the retry succeed, with one epair', () => {
    const { emulator, run, names, jails } = host({ '/etc/jail.conf': failing });
    run(['ifconfig', 'bridge', 'create']);
    run(['jail', '-c', 'www']);
    emulator.state.files.set('/etc/jail.conf', RENDERED);
    const out = run(['jail', '-c', 'www']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(jails()).toEqual(['2 www']);
    expect(names()).toEqual(['ixl0', 'lo0', 'bridge0', 'e0a_www']);
    expect(
      [...emulator.state.ifnets.values()]
        .filter((i) => i.kind === 'epair')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['e0a_www', 'e0b_www']);
  });

  it('without that first destroy, the retry fails at the rename and leaks another epair', () => {
    const leaky = failing.replace('exec.prestart += "/sbin/ifconfig e0a_www destroy 2>/dev/null || true";\n', '');
    const { emulator, run, jails } = host({ '/etc/jail.conf': leaky });
    run(['ifconfig', 'bridge', 'create']);
    run(['jail', '-c', 'www']);
    const retry = run(['jail', '-c', 'www']);
    expect(retry.code).toBe(1);
    expect(retry.stderr).toMatch(/jail: www: \/bin\/sh -c epair=\$\(\/sbin\/ifconfig epair create\) && .*: failed\n$/);
    expect(jails()).toEqual([]);
    expect([...emulator.state.ifnets.values()].filter((i) => i.kind === 'epair').length).toBe(4);
  });

  it('a failed exec.prestart stops before the jail is created', () => {
    const { run, jails } = host({
      '/etc/jail.conf': 'www { persist; exec.prestart = false; exec.poststop = "/sbin/ifconfig epair create"; }',
    });
    expect(run(['jail', '-c', 'www'])).toEqual({ code: 1, stdout: '', stderr: 'jail: www: false: failed\n' });
    expect(jails()).toEqual([]);
  });

  it('a failed exec.prestop leaves the jail running (jail.c: JF_FAILED with jid > 0 ends the stop)', () => {
    const { run, jails } = host({ '/etc/jail.conf': 'www { persist; exec.prestop = false; }' });
    run(['jail', '-c', 'www']);
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 1, stdout: '', stderr: 'jail: www: false: failed\n' });
    expect(jails()).toEqual(['1 www']);
  });
});

describe('nested jails and dependencies (state.c)', () => {
  const NESTED = 'lab1.lab2 { persist; vnet; }\nlab1 { persist; vnet; children.max = 1; }\n';

  it('-c <child> starts the parent first (the implied dependency on the parent)', () => {
    const { run, jails } = host({ '/etc/jail.conf': NESTED });
    expect(run(['jail', '-c', 'lab1.lab2'])).toEqual({
      code: 0,
      stdout: 'lab1: created\nlab1.lab2: created\n',
      stderr: '',
    });
    expect(jails()).toEqual(['1 lab1', '2 lab1.lab2']);
  });

  it('-c <parent> does not start the children', () => {
    const { run, jails } = host({ '/etc/jail.conf': NESTED });
    expect(run(['jail', '-c', 'lab1'])).toEqual({ code: 0, stdout: 'lab1: created\n', stderr: '' });
    expect(jails()).toEqual(['1 lab1']);
  });

  it('-c with no name starts every jail, parents before children whatever the file order', () => {
    const { run, jails } = host({ '/etc/jail.conf': NESTED });
    expect(run(['jail', '-c'])).toEqual({ code: 0, stdout: 'lab1: created\nlab1.lab2: created\n', stderr: '' });
    expect(jails()).toEqual(['1 lab1', '2 lab1.lab2']);
  });

  it('-c "lab1.*" starts the children (and pulls in the parent)', () => {
    const { run, jails } = host({ '/etc/jail.conf': NESTED });
    expect(run(['jail', '-c', 'lab1.*'])).toEqual({
      code: 0,
      stdout: 'lab1: created\nlab1.lab2: created\n',
      stderr: '',
    });
    expect(jails()).toEqual(['1 lab1', '2 lab1.lab2']);
  });

  it('-r <parent> stops the children first, each with its own commands', () => {
    const conf = NESTED.replace(
      'lab1.lab2 { persist; vnet; }',
      'lab1.lab2 { persist; vnet; exec.prestop = "/sbin/sysctl net.inet.ip.forwarding"; }',
    );
    const { run, jails } = host({ '/etc/jail.conf': conf });
    run(['jail', '-c', 'lab1.lab2']);
    expect(run(['jail', '-r', 'lab1'])).toEqual({
      code: 0,
      stdout: 'net.inet.ip.forwarding: 0\nlab1.lab2: removed\nlab1: removed\n',
      stderr: '',
    });
    expect(jails()).toEqual([]);
  });

  it('a failed parent makes the child "skipped"', () => {
    const conf = NESTED.replace('lab1 { persist;', 'lab1 { exec.prestart = false; persist;');
    const { run, jails } = host({ '/etc/jail.conf': conf });
    expect(run(['jail', '-c', 'lab1.lab2'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: lab1: false: failed\njail: lab1.lab2: skipped\n',
    });
    expect(jails()).toEqual([]);
  });

  it('depend = <jail> starts that jail first; an undefined one fails the jail (dep_setup warns while loading)', () => {
    const { run } = host({
      '/etc/jail.conf': 'www { persist; depend = db; } db { persist; } bad { persist; depend = nope; }',
    });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 0,
      stdout: 'db: created\nwww: created\n',
      stderr: 'jail: bad: depends on undefined jail "nope"\n',
    });
    expect(run(['jail', '-c', 'bad'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: bad: depends on undefined jail "nope"\n',
    });
  });

  it('-c of a running jail: "already exists"; a running dependency is left alone', () => {
    const { run } = host({ '/etc/jail.conf': NESTED });
    run(['jail', '-c', 'lab1']);
    // dep_done() of the failed lab1 marks every jail depending on it, started or not.
    expect(run(['jail', '-c', 'lab1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jail: "lab1" already exists\njail: lab1.lab2: skipped\n',
    });
    expect(run(['jail', '-c', 'lab1.lab2'])).toEqual({ code: 0, stdout: 'lab1.lab2: created\n', stderr: '' });
  });

  it('warnings about the file are printed while loading, for every jail in it', () => {
    const { run } = host({ '/etc/jail.conf': 'www { persist; } db { host.hostname = "$nope"; }' });
    expect(run(['jail', '-c', 'www'])).toEqual({
      code: 0,
      stdout: 'www: created\n',
      stderr: 'jail: db: host.hostname: variable "nope" not found\n',
    });
  });
});

describe("Bastille's epair lines (BastilleBSD/bastille lib/network.sh, as its heredoc writes them to jail.conf)", () => {
  // lib/network.sh writes (shell heredoc, so \\\$ becomes \$):
  //   exec.prestart += "epair0=\\\$(ifconfig epair create) && ifconfig \\\${epair0} up name ${host_epair} \
  //                     && ifconfig \\\${epair0%a}b up name ${jail_epair}";   (one line in the source)
  //   exec.prestart += "ifconfig ${external_interface} addm ${host_epair}";
  //   exec.prestart += "ifconfig ${host_epair} description \"vnet0 host interface for Bastille jail ${jail_name}\"";
  //   exec.poststop += "ifconfig ${host_epair} destroy";
  const BASTILLE = String.raw`
www {
  vnet;
  vnet.interface = e0b_www;
  exec.prestart += "epair0=\$(ifconfig epair create) && ifconfig \${epair0} up name e0a_www && ifconfig \${epair0%a}b up name e0b_www";
  exec.prestart += "ifconfig bridge0 addm e0a_www";
  exec.prestart += "ifconfig e0a_www description \"vnet0 host interface for Bastille jail www\"";
  exec.poststop += "ifconfig e0a_www destroy";
  persist;
}
`;

  it('start and stop run as written', () => {
    const { run, names, jails } = host({ '/etc/jail.conf': BASTILLE });
    run(['ifconfig', 'bridge', 'create']);
    const started = run(['jail', '-c', 'www']);
    expect(started.stderr).toBe('');
    expect(started.stdout).toContain('www: created\n');
    expect(names('www')).toEqual(['lo0', 'e0b_www']);
    expect(run(['ifconfig', 'e0a_www']).stdout).toContain('description: vnet0 host interface for Bastille jail www');
    expect(run(['jail', '-r', 'www'])).toEqual({ code: 0, stdout: 'www: removed\n', stderr: '' });
    expect(jails()).toEqual([]);
    expect(names()).toEqual(['ixl0', 'ixl1', 'lo0', 'bridge0']);
  });
});
