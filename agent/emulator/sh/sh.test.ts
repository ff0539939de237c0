import { describe, expect, it } from 'vitest';
import type { Output } from '../commands/output';
import { runShell } from './index';

// The strict mini-sh on its own, with a recording stand-in for the programs it runs.

function recorder(answers: Record<string, Output> = {}) {
  const calls: string[] = [];
  const run = (program: string, args: string[]): Output => {
    const line = [program, ...args].join(' ');
    calls.push(line);
    return answers[line] ?? { code: 0, stdout: '', stderr: '' };
  };
  return { calls, run };
}

describe('mini-sh: what it runs', () => {
  it('runs the renderer\'s epair line: command substitution, "$epair" and "${epair%a}b"', () => {
    const { calls, run } = recorder({ 'ifconfig epair create': { code: 0, stdout: 'epair3a\n', stderr: '' } });
    const out = runShell(
      'epair=$(/sbin/ifconfig epair create) && /sbin/ifconfig "$epair" name e0a_www && /sbin/ifconfig "${epair%a}b" name e0b_www',
      run,
    );
    expect(calls).toEqual(['ifconfig epair create', 'ifconfig epair3a name e0a_www', 'ifconfig epair3b name e0b_www']);
    expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("runs Bastille's line (lib/network.sh, after jail.conf unescaping): bare names through PATH, unquoted ${epair0}", () => {
    const { calls, run } = recorder({ 'ifconfig epair create': { code: 0, stdout: 'epair0a\n', stderr: '' } });
    runShell(
      'epair0=$(ifconfig epair create) && ifconfig ${epair0} up name e0a_www && ifconfig ${epair0%a}b up name e0b_www',
      run,
    );
    expect(calls).toEqual([
      'ifconfig epair create',
      'ifconfig epair0a up name e0a_www',
      'ifconfig epair0b up name e0b_www',
    ]);
  });

  it("keeps a single-quoted word whole: description 'patchbay epair e0a_www/e0b_www'", () => {
    const { calls, run } = recorder();
    runShell("/sbin/ifconfig e0a_www description 'patchbay epair e0a_www/e0b_www' up", run);
    expect(calls).toEqual(['ifconfig e0a_www description patchbay epair e0a_www/e0b_www up']);
  });

  it("2>/dev/null || true: the error is dropped and the status is true's", () => {
    const { run } = recorder({
      'ifconfig e0a_www destroy': { code: 1, stdout: '', stderr: 'ifconfig: interface e0a_www does not exist\n' },
    });
    expect(runShell('/sbin/ifconfig e0a_www destroy 2>/dev/null || true', run)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('>/dev/null drops the standard output only', () => {
    const { run } = recorder({ 'jls -j www': { code: 1, stdout: 'header\n', stderr: 'jls: jail "www" not found\n' } });
    expect(runShell('/usr/sbin/jls -j www >/dev/null', run)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jls: jail "www" not found\n',
    });
  });

  it('&& and || run left to right, each looking at the status so far', () => {
    const { calls, run } = recorder({ 'route a': { code: 1, stdout: '', stderr: '' } });
    expect(runShell('false && /sbin/route x || /sbin/route a || /sbin/route b && /sbin/route c', run).code).toBe(0);
    expect(calls).toEqual(['route a', 'route b', 'route c']);
  });

  it("an assignment takes the substitution's status, and its output loses only the trailing newlines", () => {
    const { calls, run } = recorder({ 'sysctl -n x': { code: 3, stdout: 'a b\n\n', stderr: '' } });
    expect(runShell('v=$(sysctl -n x) || /sbin/route "$v"', run).code).toBe(0);
    expect(calls).toEqual(['sysctl -n x', 'route a b']);
  });

  it('a bare name not found: "<name>: not found" (bin/sh exec.c find_command) and status 127', () => {
    const { calls, run } = recorder();
    expect(runShell('jib addm www ixl0 && /sbin/route add default 10.0.0.1', run)).toEqual({
      code: 127,
      stdout: '',
      stderr: 'jib: not found\n',
    });
    expect(calls).toEqual([]);
  });

  it('true and false are builtins; bare names resolve through /sbin:/bin:/usr/sbin:/usr/bin', () => {
    const { calls, run } = recorder();
    expect(runShell('true && false', run).code).toBe(1);
    runShell('jls name && netstat -rn && jail -r x && jexec a b && pfctl -si && sysctl a && route get x', run);
    expect(calls).toEqual([
      'jls name',
      'netstat -rn',
      'jail -r x',
      'jexec a b',
      'pfctl -si',
      'sysctl a',
      'route get x',
    ]);
  });
});

describe('mini-sh: every refusal', () => {
  const refused = (script: string, what: RegExp) => {
    const { calls, run } = recorder();
    expect(() => runShell(script, run)).toThrow(what);
    // Parsed before anything runs: nothing happened.
    if (!/unset variable|unquoted expansion|command "|the program|relative path|not found/.test(String(what)))
      expect(calls).toEqual([]);
  };

  it.each([
    ['/sbin/route a ; /sbin/route b', /construct: ";"/],
    ['/sbin/route a; /sbin/route b', /construct: the character ";"/],
    ['/sbin/route a | /sbin/route b', /construct: "\|" \(only && and \|\| join commands\)/],
    ['/sbin/route a &', /construct: "&" \(only && and \|\| join commands\)/],
    ['(/sbin/route a)', /construct: "\("/],
    ['/sbin/route a > /tmp/x', /construct: a redirection to "\/tmp\/x"/],
    ['/sbin/route a 2>&1', /construct: the redirection "2>&"/],
    ['/sbin/route a >>/dev/null', /construct: the redirection ">>"/],
    ['/sbin/route a </dev/null', /construct: "<"/],
    ['/sbin/route a 2>/dev/null b', /construct: a word after a redirection/],
    ['/sbin/route `x`', /construct: "`"/],
    ['/sbin/route \\a', /construct: "\\"/],
    ['/sbin/route a\\ b', /construct: the character "\\"/],
    ['/sbin/route *', /construct: the unquoted pattern character "\*"/],
    ['/sbin/route a?', /construct: the unquoted pattern character "\?"/],
    ['/sbin/route [a]', /construct: the unquoted pattern character "\["/],
    ['/sbin/route ~/x', /construct: tilde expansion/],
    ['/sbin/route a # note', /construct: a comment/],
    ['/sbin/route $((1+1))', /construct: \$\( \) outside an assignment-only command/],
    ['/sbin/route $(x)', /construct: \$\( \) outside an assignment-only command/],
    ['/sbin/route "$(x)"', /construct: \$\( inside double quotes/],
    ['/sbin/route "a\\"b"', /construct: "\\" inside double quotes/],
    ['/sbin/route "`x`"', /construct: "`" inside double quotes/],
    ['/sbin/route $1', /construct: "\$1"/],
    ['/sbin/route $@', /construct: "\$@"/],
    ['/sbin/route ${x:-y}', /construct: "\$\{x:-y\}"/],
    ['/sbin/route ${#x}', /construct: "\$\{#x\}"/],
    ['/sbin/route ${x%*a}', /construct: "\$\{x%\*a\}"/],
    ['/sbin/route ${x', /construct: an unterminated \$\{/],
    ["/sbin/route 'a", /construct: an unterminated single-quoted string/],
    ['/sbin/route "a', /construct: an unterminated double-quoted string/],
    ['x=$(/sbin/route a', /construct: an unterminated \$\(/],
    ['x=$(a $(b))', /construct: a nested parenthesis inside \$\( \)/],
    ['x=$(a && b)', /construct: "&&" inside \$\( \)/],
    ['x=$(a)b', /construct: text right after \$\( \)/],
    ['x=$(a) /sbin/route b', /construct: an assignment followed by more words/],
    ['/sbin/route x=$(a)', /construct: an assignment inside a command/],
    ['x=1', /construct: the assignment "x=1"/],
    ['PATH=/bin /sbin/route a', /construct: the assignment "PATH=\/bin"/],
    ['/sbin/route a\n/sbin/route b', /construct: a newline/],
    ['/sbin/route a && ', /construct: an empty command/],
    ['! /sbin/route a', /construct: "!"/],
    ['{ /sbin/route a; }', /construct: "\{"/],
    ['/sbin/route a&b', /construct: the character "&"/],
    ['/sbin/route a;b', /construct: the character ";"/],
    ['/sbin/route $unset', /construct: expansion of the unset variable unset/],
    ['v=$(/sbin/route a) && /sbin/route $v', /construct: unquoted expansion of v to ""/],
    ['echo hello', /command "echo"/],
    ['sleep 1', /command "sleep"/],
    ['/usr/local/bin/jib addm x', /command the program \/usr\/local\/bin\/jib/],
    ['./x', /command the relative path .\/x/],
    ['nosuch 2>/dev/null', /2>\/dev\/null on a command that is not found/],
  ])('refuses %j', (script, what) => refused(script, what));

  it('refuses an unquoted expansion that would be split into fields or globbed', () => {
    const { run } = recorder({
      'sysctl -n a': { code: 0, stdout: 'two words\n', stderr: '' },
      'sysctl -n b': { code: 0, stdout: 'x*\n', stderr: '' },
    });
    expect(() => runShell('v=$(sysctl -n a) && /sbin/route $v', run)).toThrow(/unquoted expansion of v to "two words"/);
    expect(() => runShell('v=$(sysctl -n b) && /sbin/route $v', run)).toThrow(/unquoted expansion of v to "x\*"/);
  });

  it('says "sh: emulator: unsupported" so nobody takes it for FreeBSD', () => {
    const { run } = recorder();
    expect(() => runShell('a | b', run)).toThrow(/^sh: emulator: unsupported: construct: /);
  });
});
