import { describe, expect, it } from 'vitest';
import { loadConf } from './load';
import { equalopts, wildMatch } from './params';

// The jail.conf(5) reader on its own: jaillex.l, jailparse.y and config.c load_config().

function load(text: string, files: Record<string, string> = {}) {
  return loadConf(
    '/etc/jail.conf',
    text,
    (p) => files[p],
    () => Object.keys(files),
  );
}

const params = (text: string, jail = 'www', files: Record<string, string> = {}) =>
  Object.fromEntries(
    load(text, files)
      .jails.find((j) => j.name === jail)!
      .params.map((p) => [p.name, p.values]),
  );

describe('jail.conf syntax (jaillex.l, jailparse.y)', () => {
  it('reads the three comment styles, = and += and bare booleans', () => {
    const text = `
      # shell comment
      // C++ comment
      /* C comment
         over lines */
      www {
        persist;           // valueless boolean
        vnet.interface = e0b_www;
        exec.start = "/bin/sh /etc/rc";
        exec.start += "/sbin/route add default 10.0.0.1";
        allow.nomount;
      }`;
    expect(params(text)).toEqual({
      name: ['www'],
      persist: [],
      'vnet.interface': ['e0b_www'],
      'exec.start': ['/bin/sh /etc/rc', '/sbin/route add default 10.0.0.1'],
      'allow.nomount': [],
    });
  });

  it('reads a comma list as several values, and "name value" without =', () => {
    expect(params('www { vnet.interface = a, "b", c; exec.start "x y"; }')).toEqual({
      name: ['www'],
      'vnet.interface': ['a', 'b', 'c'],
      'exec.start': ['x y'],
    });
  });

  it('joins pieces written without blanks, and does C escapes even in single quotes (text2lval)', () => {
    expect(params(`www { path = /var/"jail"/'x'; host.hostname = 'a\\tb\\x41\\101'; }`)).toEqual({
      name: ['www'],
      path: ['/var/jail/x'],
      'host.hostname': ['a\tbAA'],
    });
  });

  it('substitutes $name, ${name} and user variables, in unquoted and double-quoted text but not single-quoted', () => {
    const text = `$base = "/var/jail"; www { host.hostname = "$name.example.org"; path = "\${base}/$name"; exec.start = '$name'; }`;
    expect(params(text)).toEqual({
      name: ['www'],
      'host.hostname': ['www.example.org'],
      path: ['/var/jail/www'],
      'exec.start': ['$name'],
    });
  });

  it('leaves an escaped \\$ for sh (how Bastille and the renderer must write $epair)', () => {
    const text = String.raw`www { exec.prestart = "e=\$(ifconfig epair create) && ifconfig \${e%a}b up"; }`;
    expect(params(text)['exec.prestart']).toEqual(['e=$(ifconfig epair create) && ifconfig ${e%a}b up']);
  });

  it('an unescaped $epair in a double-quoted exec string is a jail.conf variable: "variable \\"epair\\" not found"', () => {
    const conf = load('www { exec.prestart = "ifconfig \\"$epair\\" up"; }');
    expect(conf.warnings).toEqual(['www: exec.prestart: variable "epair" not found']);
    expect(conf.jails[0]!.failed).toBe(true);
  });

  it('substitutes an array only as a whole string', () => {
    expect(params('$list = a, b; www { vnet.interface = $list; }')['vnet.interface']).toEqual(['a', 'b']);
    const conf = load('$list = a, b; www { host.hostname = "x$list"; }');
    expect(conf.warnings).toEqual(['www: host.hostname: array cannot be substituted inline']);
  });

  it('reports a variable loop', () => {
    expect(load('www { $a = "$b"; $b = "$a"; }').warnings).toContain('www: a: variable loop');
  });

  it('refuses to redefine name, and a variable named like a parameter', () => {
    expect(load('www { name = other; }').warnings).toEqual(['www: cannot redefine parameter "name".']);
    expect(load('www { $persist = 1; }').warnings).toEqual([
      'www: variable "$persist" cannot have the same name as a parameter.',
    ]);
  });

  it('a number as a block name implies jid, so name may then be set (jail_basic_test.sh jid_name_set)', () => {
    expect(params('5309 { name = basejail; persist; }', '5309')).toEqual({
      jid: ['5309'],
      name: ['basejail'],
      persist: [],
    });
  });

  it("reports an unterminated comment with jaillex.l's words, as fatal", () => {
    const conf = load('www { persist; }\n/* abc');
    expect(conf.warnings).toEqual(['/etc/jail.conf line 2: unterminated comment']);
    expect(conf.fatal).toBe(true);
  });

  it("an unterminated string or variable then breaks the grammar: refused, with jaillex.l's words kept", () => {
    expect(() => load('www { exec.start = "abc; }')).toThrow(
      /unsupported: \/etc\/jail.conf line 1: unterminated string; then \/etc\/jail.conf: syntax error at the end of the file/,
    );
    expect(() => load('www { path = ${abc\n; }')).toThrow(/\/etc\/jail.conf line 1: unterminated variable; then/);
  });

  it("refuses a syntax error as unsupported (yacc's own message was not read)", () => {
    expect(() => load('www { persist }')).toThrow(
      /jail: emulator: unsupported: \/etc\/jail.conf line 1: syntax error at "}"/,
    );
    expect(() => load('www { a = b c; }')).toThrow(/syntax error at "c"/);
  });
});

describe('wildcards and later definitions (load_config)', () => {
  it('a wildcard section before a jail gives defaults, one after overrides', () => {
    const text = `* { exec.clean; host.hostname = default; } www { host.hostname = mine; persist; } * { persist = false; }`;
    expect(params(text)).toEqual({ name: ['www'], 'exec.clean': [], 'host.hostname': ['mine'], persist: ['false'] });
  });

  it('parameters outside any block are wildcard parameters; variables are per jail', () => {
    expect(params('path = "/j/$name"; www {} db {}', 'db')).toEqual({ name: ['db'], path: ['/j/db'] });
  });

  it('"lab1.*" applies to lab1.lab2 and deeper, not to lab1', () => {
    const text = 'lab1 {} lab1.lab2 {} lab1.lab2.lab3 {} "lab1.*" { persist; }';
    expect(params(text, 'lab1')).toEqual({ name: ['lab1'] });
    expect(params(text, 'lab1.lab2')).toEqual({ name: ['lab1.lab2'], persist: [] });
    expect(params(text, 'lab1.lab2.lab3')).toEqual({ name: ['lab1.lab2.lab3'], persist: [] });
  });

  it('wild_jail_match and equalopts follow config.c', () => {
    expect([
      wildMatch('a.b', '*'),
      wildMatch('a.b', 'a.*'),
      wildMatch('a', 'a.*'),
      wildMatch('x.b', '*.b'),
      wildMatch('a.b.c', 'a.*.c'),
      wildMatch('a.b', 'a.b.*'),
    ]).toEqual([true, true, false, true, true, false]);
    expect([
      equalopts('persist', 'nopersist'),
      equalopts('allow.nomount', 'allow.mount'),
      equalopts('allow.mount', 'allow.mount.devfs'),
      equalopts('noallow.mount', 'allow.mount'),
      equalopts('allow.mount', 'deny.mount'),
    ]).toEqual([true, true, false, true, false]);
  });
});

describe('.include', () => {
  it('includes files matched by a * pattern, sorted, at that point of the file', () => {
    const files = {
      '/etc/jail.conf.d/b.conf': 'b { persist; }',
      '/etc/jail.conf.d/a.conf': 'a { persist; }',
      '/etc/jail.conf.d/readme': 'not a conf {',
    };
    const conf = load('.include "/etc/jail.conf.d/*.conf"; c { persist; }', files);
    expect(conf.jails.map((j) => j.name)).toEqual(['a', 'b', 'c']);
  });

  it('a pattern matching nothing includes nothing; a missing literal file is refused', () => {
    expect(load('.include "/usr/local/etc/jail.conf.d/*.conf"; www {}').jails.map((j) => j.name)).toEqual(['www']);
    expect(() => load('.include "/etc/nope.conf";')).toThrow(
      /unsupported: \.include of the missing file \/etc\/nope\.conf/,
    );
  });

  it('refuses ? and [ ] patterns, variables and .include inside a block', () => {
    expect(() => load('.include "/etc/jail[.]conf";')).toThrow(/only \* is read/);
    expect(() => load('.include "/etc/$x.conf";')).toThrow(/\.include with a variable/);
    expect(() => load('www { .include "/x"; }')).toThrow(/\.include inside a jail definition/);
  });
});
