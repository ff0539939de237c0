import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from './emulator';
import { rcJailName, rcJailStart } from './rc-jail';

// rc.d/jail's commands (libexec/rc/rc.d/jail), issued on the emulator, which reads the files itself.

function boot(rcConf: Record<string, string>, files: Record<string, string>) {
  const host = new FreebsdEmulator({ nics: [{ name: 'ixl0' }], files });
  const log: { from: string; argv: string[]; code: number }[] = [];
  const run = (from: string, argv: string[]) => {
    const result = host.runSync({ argv });
    log.push({ from, argv, code: result.code });
    return result;
  };
  const rc = new Map(Object.entries(rcConf));
  const readable = (path: string) => host.state.files.has(path);
  const jails = () => [...host.state.jails.values()].map((j) => j.name);
  return { host, log, start: () => rcJailStart(rc, run, readable), jails };
}

const NESTED = 'lab1 { persist; vnet; children.max = 1; }\nlab1.lab2 { persist; vnet; }\n';

describe('rc.d/jail start', () => {
  it('maps jail_list names with tr /. _', () => {
    expect(rcJailName('lab1.lab2')).toBe('lab1_lab2');
    expect(rcJailName('a/b.c')).toBe('a_b_c');
  });

  it('starts each jail_list name from /etc/jail.conf.d/<name>.conf with "jail -i -f <file> -c <name>", then asks jls for its jid', () => {
    const { log, start, jails } = boot(
      { jail_enable: 'YES', jail_list: 'www db' },
      { '/etc/jail.conf.d/www.conf': 'www { persist; }', '/etc/jail.conf.d/db.conf': 'db { persist; }' },
    );
    start();
    expect(log.map((l) => l.argv.join(' '))).toEqual([
      'jail -i -f /etc/jail.conf.d/www.conf -c www',
      'jls -j www jid',
      'jail -i -f /etc/jail.conf.d/db.conf -c db',
      'jls -j db jid',
    ]);
    expect(jails()).toEqual(['www', 'db']);
  });

  it('prefers /etc/jail.<name>.conf, then /etc/jail.conf.d/<name>.conf, then $jail_conf; skips a name none of them can serve', () => {
    const { log, start } = boot(
      { jail_enable: 'YES', jail_list: 'a b c d', jail_conf: '/usr/local/etc/jails.conf' },
      {
        '/etc/jail.a.conf': 'a { persist; }',
        '/etc/jail.conf.d/a.conf': 'a { persist; }',
        '/etc/jail.conf.d/b.conf': 'b { persist; }',
        '/usr/local/etc/jails.conf': 'c { persist; }',
      },
    );
    start();
    expect(log.filter((l) => l.argv[0] === 'jail').map((l) => `${l.argv.join(' ')} => ${l.code}`)).toEqual([
      'jail -i -f /etc/jail.a.conf -c a => 0',
      'jail -i -f /etc/jail.conf.d/b.conf -c b => 0',
      'jail -i -f /usr/local/etc/jails.conf -c c => 0',
      'jail -i -f /usr/local/etc/jails.conf -c d => 1',
    ]);
    const none = boot({ jail_enable: 'YES', jail_list: 'x' }, {});
    none.start();
    expect(none.log).toEqual([]);
  });

  it('jail_list="lab1 lab1.lab2" never starts lab1.lab2: it becomes "lab1_lab2", which no file defines (issue 13 item 1)', () => {
    const { log, start, jails } = boot(
      { jail_enable: 'YES', jail_list: 'lab1 lab1.lab2' },
      { '/etc/jail.conf.d/lab1.conf': NESTED, '/etc/jail.conf': NESTED },
    );
    start();
    expect(log.map((l) => `${l.argv.join(' ')} => ${l.code}`)).toEqual([
      'jail -i -f /etc/jail.conf.d/lab1.conf -c lab1 => 0',
      'jls -j lab1 jid => 0',
      'jail -i -f /etc/jail.conf -c lab1_lab2 => 1',
    ]);
    expect(jails()).toEqual(['lab1']);
  });

  it('with jail_list empty: "jail -f $jail_conf -c -p1", which starts every jail, parents first', () => {
    const { log, start, jails } = boot(
      { jail_enable: 'YES' },
      {
        '/etc/jail.conf': '.include "/etc/jail.conf.d/*.conf";',
        '/etc/jail.conf.d/lab1.conf': 'lab1.lab2 { persist; vnet; }\nlab1 { persist; vnet; children.max = 1; }\n',
      },
    );
    start();
    expect(log.map((l) => l.argv.join(' '))).toEqual(['jail -f /etc/jail.conf -c -p1', 'jls jid name']);
    expect(jails()).toEqual(['lab1', 'lab1.lab2']);
  });

  it('passes jail_flags / jail_<name>_flags, drops -p1 when jail_parallel_start=YES, does nothing unless jail_enable', () => {
    const all = boot({ jail_enable: 'YES', jail_flags: '-q', jail_parallel_start: 'YES' }, { '/etc/jail.conf': '' });
    all.start();
    expect(all.log[0]!.argv).toEqual(['jail', '-q', '-f', '/etc/jail.conf', '-c']);
    const one = boot(
      { jail_enable: 'YES', jail_list: 'www', jail_flags: '-q', jail_www_flags: '-p 1' },
      { '/etc/jail.conf': 'www { persist; }' },
    );
    one.start();
    expect(one.log[0]!.argv).toEqual(['jail', '-p', '1', '-i', '-f', '/etc/jail.conf', '-c', 'www']);
    const off = boot({ jail_enable: 'NO', jail_list: 'www' }, { '/etc/jail.conf': 'www { persist; }' });
    off.start();
    expect(off.log).toEqual([]);
  });
});
