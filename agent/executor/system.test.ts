// Runs on Linux: the FreeBSD command names are pointed at ordinary Linux binaries through `paths`,
// which is enough to observe argv, stdin, environment, exit codes, timeouts and the output cap.

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createSystemExecutor, DEFAULT_PATHS, type SystemExecutorOptions } from './system';
import { ExecutorError, type CallRecord, type RunRequest } from './types';

function executor(options: SystemExecutorOptions = {}) {
  const calls: CallRecord[] = [];
  const exec = createSystemExecutor({ ...options, onCall: (record) => calls.push(record) });
  return { exec, calls };
}

describe('createSystemExecutor: running', () => {
  it('passes argv through verbatim, with nothing interpreted by a shell', async () => {
    const { exec } = executor({ paths: { ifconfig: '/bin/echo' } });
    const args = ['a b', '"double"', "'single'", '$(id -u)', '`id`', '; echo pwned', '*', '$HOME', '|', '&&', 'é'];
    const result = await exec.run({ argv: ['ifconfig', ...args] });
    expect(result).toEqual({ code: 0, stdout: `${args.join(' ')}\n`, stderr: '' });
    expect(exec.kind).toBe('system');
  });

  it('delivers stdin, and closes it when none is given so a reader does not wait', async () => {
    const { exec } = executor({ paths: { jls: '/bin/cat' } });
    const rules = 'pass in all\nblock out quick on epair0b\n';
    expect(await exec.run({ argv: ['jls'], stdin: rules })).toEqual({ code: 0, stdout: rules, stderr: '' });
    // /bin/cat with an open stdin would block until the 1 s timeout and come back as code -1.
    expect(await exec.run({ argv: ['jls'], timeoutMs: 1000 })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('returns a non-zero exit as a normal result', async () => {
    const { exec, calls } = executor({ paths: { sysctl: '/bin/false' } });
    expect(await exec.run({ argv: ['sysctl', 'net.inet.ip.forwarding'] })).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(calls[0]?.code).toBe(1);
  });

  it('gives the child only PATH, LANG=C and LC_ALL=C', async () => {
    process.env.PATCHBAY_TEST_SECRET = 'do-not-leak';
    try {
      const { exec } = executor({ paths: { pfctl: '/usr/bin/env' } });
      const result = await exec.run({ argv: ['pfctl'] });
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n').sort()).toEqual([
        'LANG=C',
        'LC_ALL=C',
        'PATH=/sbin:/bin:/usr/sbin:/usr/bin',
      ]);
    } finally {
      delete process.env.PATCHBAY_TEST_SECRET;
    }
  });

  it('runs in a jail as `jexec <jail> <absolute command path> ...args`', async () => {
    const { exec, calls } = executor({ paths: { jexec: '/bin/echo' } });
    const result = await exec.run({ argv: ['ifconfig', 'epair0b', 'inet', '10.0.0.2/24'], jail: 'web.db' });
    expect(result.stdout).toBe(`web.db ${DEFAULT_PATHS.ifconfig} epair0b inet 10.0.0.2/24\n`);
    // The record keeps the request's argv, not the expanded one.
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ argv: ['ifconfig', 'epair0b', 'inet', '10.0.0.2/24'], jail: 'web.db', code: 0 });
  });

  it('uses an overridden command path inside the jail too', async () => {
    const { exec } = executor({ paths: { jexec: '/bin/echo', route: '/opt/route' } });
    const result = await exec.run({ argv: ['route', '-n', 'get', 'default'], jail: '7' });
    expect(result.stdout).toBe('7 /opt/route -n get default\n');
  });

  it('kills a command that exceeds its timeout and says so', async () => {
    const { exec, calls } = executor({ paths: { netstat: '/bin/sleep' } });
    const started = Date.now();
    const result = await exec.run({ argv: ['netstat', '5'], timeoutMs: 200 });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(-1);
    expect(result.stderr).toContain('timed out after 200 ms');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);
    expect(calls[0]).toMatchObject({ timedOut: true, truncated: false, code: -1 });
    expect(calls[0]?.durationMs).toBeGreaterThanOrEqual(190);
  });

  it('on timeout kills what the command forked too (its whole process group)', async () => {
    const { exec } = executor({ paths: { jail: '/bin/sh' } });
    // Prints the background sleep's pid, then waits on it: only a group kill reaches the sleep.
    const result = await exec.run({ argv: ['jail', '-c', 'sleep 30 & echo $!; wait'], timeoutMs: 300 });
    expect(result.code).toBe(-1);
    const pid = Number(result.stdout.trim());
    expect(pid).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 100));
    // Gone, or at most a zombie awaiting its reaper: either way no longer running.
    let state = 'gone';
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.charAt(0) ?? 'gone';
    } catch {
      /* no such process */
    }
    expect(['gone', 'Z']).toContain(state);
  });

  it('caps output, kills the command and marks the result truncated', async () => {
    const { exec, calls } = executor({ paths: { route: '/usr/bin/yes' }, maxOutputBytes: 1000 });
    const result = await exec.run({ argv: ['route'], timeoutMs: 5000 });
    expect(result.code).toBe(-1);
    expect(result.stdout).toBe('y\n'.repeat(500));
    expect(result.stderr).toContain('stdout exceeded 1000 bytes');
    expect(calls[0]).toMatchObject({ truncated: true, timedOut: false, code: -1 });
  });

  it('does not hang on a process the command left holding its output', async () => {
    const { exec } = executor({ paths: { jail: '/bin/sh' } });
    const started = Date.now();
    // sh exits at once; the background sleep keeps stdout open for 3 s.
    const result = await exec.run({ argv: ['jail', '-c', 'sleep 3 & echo started'], timeoutMs: 10_000 });
    expect(result).toEqual({ code: 0, stdout: 'started\n', stderr: '' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('reports a missing binary as exit 127 and records it', async () => {
    const { exec, calls } = executor({ paths: { ifconfig: '/nonexistent/ifconfig' } });
    const result = await exec.run({ argv: ['ifconfig', '-a'], stdin: 'ignored' });
    expect(result.code).toBe(127);
    expect(result.stderr).toContain('cannot run /nonexistent/ifconfig: ENOENT');
    expect(calls).toHaveLength(1);
  });

  it('records each call with start time and duration from the injected clock', async () => {
    const ticks = [1000, 1042, 2000, 2005];
    const now = vi.fn(() => ticks.shift() ?? Number.NaN);
    const calls: CallRecord[] = [];
    const exec = createSystemExecutor({ paths: { ifconfig: '/bin/echo' }, now, onCall: (r) => calls.push(r) });
    await exec.run({ argv: ['ifconfig', 'lo0'] });
    await exec.run({ argv: ['ifconfig', 'lo1'] });
    expect(calls).toEqual([
      { argv: ['ifconfig', 'lo0'], code: 0, durationMs: 42, startedAt: 1000, timedOut: false, truncated: false },
      { argv: ['ifconfig', 'lo1'], code: 0, durationMs: 5, startedAt: 2000, timedOut: false, truncated: false },
    ]);
  });

  it('still resolves when onCall throws', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const exec = createSystemExecutor({
        paths: { ifconfig: '/bin/echo' },
        onCall: () => {
          throw new Error('log full');
        },
      });
      expect((await exec.run({ argv: ['ifconfig', 'x'] })).stdout).toBe('x\n');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('log full'));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('createSystemExecutor: refusals happen before anything runs', () => {
  // jexec and every command are /bin/echo: had a refused request run, it would resolve instead of
  // rejecting, and onCall would have seen it.
  const echoEverywhere = Object.fromEntries(Object.keys(DEFAULT_PATHS).map((name) => [name, '/bin/echo']));

  async function expectRefused(request: RunRequest, message: RegExp): Promise<void> {
    const { exec, calls } = executor({ paths: echoEverywhere });
    const attempt = exec.run(request);
    await expect(attempt).rejects.toBeInstanceOf(ExecutorError);
    await expect(attempt).rejects.toThrow(message);
    expect(calls).toEqual([]);
  }

  it.each([
    [['rm', '-rf', '/'], /unknown command "rm"/],
    [['/sbin/ifconfig'], /unknown command/],
    [['__proto__'], /unknown command/],
    [['constructor'], /unknown command/],
    [[], /argv is empty/],
  ])('refuses argv %j', async (argv, message) => {
    await expectRefused({ argv }, message);
  });

  it('refuses NUL bytes and non-string arguments', async () => {
    await expectRefused({ argv: ['ifconfig', 'lo0\0-a'] }, /argv\[1\] contains a NUL byte/);
    await expectRefused({ argv: ['ifconfig\0'] }, /argv\[0\] contains a NUL byte/);
    const notStrings = ['ifconfig', 42] as unknown as string[];
    await expectRefused({ argv: notStrings }, /argv\[1\] is not a string/);
    await expectRefused({ argv: 'ifconfig -a' as unknown as string[] }, /argv must be an array/);
  });

  it.each(['', '-j', '.hidden', '../etc', 'a b', 'web;reboot', 'web/db', 'x\0y', 'a'.repeat(256)])(
    'refuses jail name %j',
    async (jail) => {
      await expectRefused({ argv: ['jls'], jail }, /refusing jail name/);
    },
  );

  it('accepts a 255-character jail name (the limit itself)', async () => {
    const { exec } = executor({ paths: { jexec: '/bin/echo' } });
    const jail = 'j'.repeat(255);
    expect((await exec.run({ argv: ['jls'], jail })).stdout).toBe(`${jail} ${DEFAULT_PATHS.jls}\n`);
  });

  it('refuses timeouts setTimeout cannot honour, and non-string stdin', async () => {
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      await expectRefused({ argv: ['jls'], timeoutMs }, /timeoutMs/);
    }
    await expectRefused({ argv: ['pfctl', '-f', '-'], stdin: 7 as unknown as string }, /stdin must be a string/);
  });

  it('refuses relative, unknown or NUL-bearing path overrides when created', () => {
    expect(() => createSystemExecutor({ paths: { ifconfig: 'bin/echo' } })).toThrow(ExecutorError);
    expect(() => createSystemExecutor({ paths: { ifconfig: './echo' } })).toThrow(/absolute path/);
    expect(() => createSystemExecutor({ paths: { jexec: 'jexec' } })).toThrow(/paths\.jexec/);
    expect(() => createSystemExecutor({ paths: { ifconfig: '/bin/echo\0' } })).toThrow(/absolute path/);
    const unknown = { sh: '/bin/sh' } as unknown as Partial<Record<'ifconfig', string>>;
    expect(() => createSystemExecutor({ paths: unknown })).toThrow(/unknown command "sh"/);
    expect(() => createSystemExecutor({ maxOutputBytes: 0 })).toThrow(/maxOutputBytes/);
  });
});
