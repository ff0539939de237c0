import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../core/demo/blog-network';
import { auditDesign as bigAuditDesign } from '../core/testing/audit-design';
import { renderAscii } from '../core/render/ascii';
import { renderConfig } from '../core/render/render-all';
import { AsciiOutputSchema, CliErrorOutputSchema, RenderOutputSchema, ValidateOutputSchema } from '../core/wire/cli';
import { memoryIo } from './common/io';
import { COMMANDS } from './commands/registry';
import { LISTED_ERRORS } from './run';
import { runCli } from './run';
import { runBundle } from './testing/bundle';
import { blogWithDuplicateName, designFolder } from './testing/designs';

// validate, render and ascii: files in, text or files out, no host. Through the real bundle where the
// process boundary matters (exit codes, streams), in process where a terminal must be pretended.

describe('patchbay validate', () => {
  it('passes a valid design with exit 0 and says so', async () => {
    const cwd = designFolder({ 'blog.json': blogNetwork() });
    const run = await runBundle(['validate', 'blog.json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^blog\.json: valid \(0 errors, \d+ warnings?\)\.$/m);
  });

  it('names the file, field and rule of each problem, with exit 1', async () => {
    const cwd = designFolder({ 'bad.json': blogWithDuplicateName() });
    const run = await runBundle(['validate', 'bad.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\.json: stacks\[0\]\.interfaces\[2\]\.name: .+ \[[a-z.-]+\]$/m);
  });

  it('gives the same problems as --json, in the documented schema', async () => {
    const cwd = designFolder({ 'bad.json': blogWithDuplicateName() });
    const run = await runBundle(['validate', 'bad.json', '--json'], { cwd });
    const output = ValidateOutputSchema.parse(JSON.parse(run.stdout));
    expect(run.code).toBe(1);
    expect(output.ok).toBe(false);
    expect(output.problems.find((p) => p.path.join('.') === 'stacks.0.interfaces.2.name')?.severity).toBe('error');
    expect(run.stderr).toBe('');
  });

  it('reports bad JSON as a problem of the file, not a crash', async () => {
    const cwd = designFolder({ 'broken.json': '{"format": "patchbay.topology",' });
    const run = await runBundle(['validate', 'broken.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken\.json: The file is not valid JSON: .+ \[document\.json\]$/m);
  });

  it('is a usage error (exit 2) for a missing file, naming it', async () => {
    const run = await runBundle(['validate', 'nowhere.json', '--json'], { cwd: designFolder() });
    expect(run.code).toBe(2);
    const output = CliErrorOutputSchema.parse(JSON.parse(run.stdout));
    expect(output.error).toMatchObject({ file: 'nowhere.json' });
    expect(output.error.message).toContain('ENOENT');
  });
});

describe('usage', () => {
  it('exits 2 for an unknown subcommand or option, naming it', async () => {
    const cwd = designFolder({ 'blog.json': blogNetwork() });
    const unknown = await runBundle(['valdate', 'blog.json'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"valdate" is not a subcommand');
    const option = await runBundle(['validate', 'blog.json', '--frm', 'x'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--frm'/);
  });

  it('prints the subcommands and exit codes with --help, and exits 2 with no subcommand', async () => {
    const cwd = designFolder();
    const help = await runBundle(['--help'], { cwd });
    expect(help.code).toBe(0);
    for (const name of ['validate', 'render', 'ascii']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.stdout).toContain('3 host unreachable');
    expect((await runBundle([], { cwd })).code).toBe(2);
  });

  it('gives `patchbay help SUBCOMMAND` as `patchbay SUBCOMMAND --help`, for every subcommand', async () => {
    const cwd = designFolder();
    const run = async (args: string[]) => {
      const io = memoryIo({ cwd });
      return { code: await runCli(args, io), out: io.out(), err: io.err() };
    };
    const list = await run(['help']);
    expect(list.code).toBe(0);
    const names = [...list.out.matchAll(/^ {2}([a-z]+) {2}/gm)].map((m) => m[1]!);
    expect(names).toEqual(['validate', 'audit', 'plan', 'apply', 'import', 'render', 'ascii']);
    for (const name of names) {
      const help = await run(['help', name]);
      expect(help).toEqual(await run([name, '--help']));
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: patchbay ${name} `));
    }
    // Each subcommand's help names every option it accepts, and its synopsis the ones it is run with.
    for (const command of COMMANDS) {
      const synopsis = command.usage.split('\n\n')[0]!;
      for (const option of Object.keys(command.options)) {
        expect(command.usage, `${command.name} --${option}`).toContain(`--${option}`);
        // The host's TLS and plain-http options are detail, listed under "Host options".
        if (!['fingerprint', 'allow-http'].includes(option))
          expect(synopsis, `${command.name}'s synopsis, --${option}`).toContain(`--${option}`);
      }
    }
    const unknown = await run(['help', 'deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('"deploy" is not a subcommand');
  });
});

describe('a design with errors', () => {
  // 70 jails whose epair ends keep the kernel's names (a warning each, 140 in all), 60 of them
  // renamed to one name (an error each but the first).
  const broken = () => {
    const design = bigAuditDesign(7, 10);
    design.stacks.forEach((stack, k) => {
      if (stack.kind === 'jail' && k <= 61) stack.name = 'twin';
    });
    return design;
  };

  it('prints at most 50 errors and counts the warnings; --json has every problem', async () => {
    const cwd = designFolder({ 'broken.json': broken() });
    const all = ValidateOutputSchema.parse(
      JSON.parse((await runBundle(['validate', 'broken.json', '--json'], { cwd })).stdout),
    );
    expect(all.errors).toBeGreaterThan(LISTED_ERRORS);
    expect(all.warnings).toBeGreaterThan(0);
    const run = await runBundle(['audit', 'broken.json'], { cwd });
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('broken.json: '))).toHaveLength(LISTED_ERRORS);
    expect(lines.at(-2)).toBe(
      `and ${all.errors - LISTED_ERRORS} more errors; patchbay validate broken.json lists them all.`,
    );
    expect(lines.at(-1)).toBe(
      `patchbay: broken.json has ${all.errors} errors (and ${all.warnings} warnings, patchbay validate broken.json lists them); nothing was done.`,
    );
    expect(lines).toHaveLength(LISTED_ERRORS + 2);
    const json = await runBundle(['audit', 'broken.json', '--json'], { cwd });
    expect(CliErrorOutputSchema.parse(JSON.parse(json.stdout)).problems).toEqual(all.problems);
  });

  it('lists a few errors whole, each naming file, field and rule', async () => {
    const cwd = designFolder({ 'bad.json': blogWithDuplicateName() });
    const run = await runBundle(['render', 'bad.json', '--out', 'out'], { cwd });
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^patchbay: bad\.json has 1 error(?: \(and \d+ warnings?, .*\))?; nothing was done\.$/,
    );
    expect(lines[0]).toMatch(/^bad\.json: stacks\[0\]\.interfaces\[2\]\.name: /);
  });
});

describe('colour', () => {
  const problemsOf = async (env: Record<string, string>, tty: boolean) => {
    const io = memoryIo({ cwd: designFolder({ 'bad.json': blogWithDuplicateName() }), env, tty });
    expect(await runCli(['validate', 'bad.json'], io)).toBe(1);
    return io.out();
  };

  it('is used on a terminal, and never with NO_COLOR, TERM=dumb or off a terminal', async () => {
    expect(await problemsOf({}, true)).toContain('\u001b[31m');
    expect(await problemsOf({ NO_COLOR: '1' }, true)).not.toContain('\u001b[');
    expect(await problemsOf({ TERM: 'dumb' }, true)).not.toContain('\u001b[');
    expect(await problemsOf({}, false)).not.toContain('\u001b[');
  });
});

describe('patchbay ascii', () => {
  it("prints the editor's drawing of the design", async () => {
    const cwd = designFolder({ 'blog.json': blogNetwork() });
    const run = await runBundle(['ascii', 'blog.json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(renderAscii(blogNetwork()).replace(/\n$/, '') + '\n');
    const json = AsciiOutputSchema.parse(
      JSON.parse((await runBundle(['ascii', 'blog.json', '--json'], { cwd })).stdout),
    );
    expect(json.text).toBe(renderAscii(blogNetwork()));
  });

  it('refuses a design with errors, listing them, with exit 1', async () => {
    const run = await runBundle(['ascii', 'bad.json'], { cwd: designFolder({ 'bad.json': blogWithDuplicateName() }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bad\.json: stacks\[0\]\.interfaces\[2\]\.name: /m);
    expect(run.stderr).toMatch(/nothing was done/);
  });
});

describe('patchbay render', () => {
  it('writes every file Persist would, at its host path under --out, byte for byte', async () => {
    const cwd = designFolder({ 'blog.json': blogNetwork() });
    const run = await runBundle(['render', 'blog.json', '--out', 'rendered', '--json'], { cwd });
    expect(run.code).toBe(0);
    const output = RenderOutputSchema.parse(JSON.parse(run.stdout));
    const expected = renderConfig(blogNetwork());
    expect(output.files.map((f) => f.hostPath)).toEqual(expected.map((f) => f.path));
    for (const file of expected) expect(readFileSync(join(cwd, 'rendered', file.path), 'utf8')).toBe(file.content);
  });

  it('needs --out', async () => {
    const run = await runBundle(['render', 'blog.json'], { cwd: designFolder({ 'blog.json': blogNetwork() }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out DIR');
  });
});
