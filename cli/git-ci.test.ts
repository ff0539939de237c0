import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeTopology } from '../core/topology/document';
import { blogTorReachesLan } from './testing/audit-designs';
import { cliBundle } from './testing/bundle';

// docs/ci.md's job, for real: a git repository with an origin, the design committed on main, a
// branch that changes it, and the commands of docs/ci.md's shell block run one by one (git through
// execFile, `node tools/patchbay.mjs` the bundle committed into the repository as the doc says, `> FILE`
// written by the test: no shell). Only `gh pr
// comment`, which needs GitHub, is left out; the test reads the comment it would post.

const run = promisify(execFile);
const DOC = readFileSync(new URL('../docs/ci.md', import.meta.url), 'utf8');
const BLOG = readFileSync(new URL('../examples/blog.json', import.meta.url), 'utf8');

/** The lines of docs/ci.md's block between <!-- ci-commands --> and <!-- /ci-commands -->. */
function ciCommands(): string[] {
  const block = /<!-- ci-commands -->\s*```sh\n([\s\S]*?)```\s*<!-- \/ci-commands -->/.exec(DOC);
  if (!block) throw new Error('docs/ci.md has no ci-commands block');
  return block[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

let root = '';
const gitEnv = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: root,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Admin',
  GIT_AUTHOR_EMAIL: 'ada@example.org',
  GIT_COMMITTER_NAME: 'Ada Admin',
  GIT_COMMITTER_EMAIL: 'ada@example.org',
});
const git = async (cwd: string, ...args: string[]) =>
  (
    await run('git', ['-c', 'init.defaultBranch=main', ...args], {
      cwd,
      env: gitEnv() as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
  ).stdout;

/** `node ARGS…` in `cwd` with the job's plain environment; a non-zero exit is a result, not an error. */
async function runNode(cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    return {
      code: 0,
      stdout: (
        await run(process.execPath, args, {
          cwd,
          env: gitEnv() as unknown as NodeJS.ProcessEnv,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout,
    };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}

/** Runs docs/ci.md's commands in `cwd`; returns the exit code of each and the files they wrote. */
async function ciJob(cwd: string): Promise<{ exits: number[]; comment: string }> {
  const exits: number[] = [];
  for (const line of ciCommands()) {
    const [command, redirect] = line.split(/\s+>\s+/) as [string, string | undefined];
    const [program, ...args] = command.split(/\s+/);
    if (program === 'gh') continue;
    let output: { code: number; stdout: string };
    if (program === 'node' && args[0] === 'tools/patchbay.mjs') output = await runNode(cwd, args);
    else if (program === 'git') output = { code: 0, stdout: await git(cwd, ...args) };
    else throw new Error(`docs/ci.md runs ${program}, which this test does not know`);
    if (redirect) writeFileSync(join(cwd, redirect), output.stdout);
    exits.push(output.code);
  }
  return { exits, comment: readFileSync(join(cwd, 'comment.md'), 'utf8') };
}

async function commitDesign(work: string, text: string, message: string): Promise<void> {
  writeFileSync(join(work, 'network', 'design.json'), text);
  await git(work, 'add', 'network/design.json');
  await git(work, 'commit', '-q', '-m', message);
}

describe("docs/ci.md's job in a real git repository", () => {
  let work = '';

  beforeAll(async () => {
    expect((await run('which', ['git'])).stdout.trim()).toMatch(/\/git$/);
    root = mkdtempSync(join(tmpdir(), 'pb-git-ci-'));
    await git(root, 'init', '-q', '--bare', 'origin.git');
    await git(root, 'clone', '-q', 'origin.git', 'work');
    work = join(root, 'work');
    mkdirSync(join(work, 'network'));
    mkdirSync(join(work, 'tools'));
    copyFileSync(await cliBundle(), join(work, 'tools', 'patchbay.mjs'));
    await git(work, 'add', 'tools/patchbay.mjs');
    await commitDesign(work, BLOG, 'the blog network');
    await git(work, 'push', '-q', 'origin', 'main');
  }, 60_000);

  it('runs the documented commands, in order', () => {
    expect(ciCommands().map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'git show origin/main:network/design.json',
      'node tools/patchbay.mjs validate',
      'node tools/patchbay.mjs audit',
      'gh pr comment',
    ]);
  });

  it('fails a change that opens a path to the LAN and breaks an intent, and comments why', async () => {
    await git(work, 'checkout', '-q', '-b', 'tor-to-lan', 'main');
    await commitDesign(work, serializeTopology(blogTorReachesLan()), 'let the tor relay reach the LAN');
    expect(await git(work, 'diff', '--stat', 'origin/main', 'HEAD')).toContain('network/design.json');
    const { exits, comment } = await ciJob(work);
    expect(exits).toEqual([0, 0, 1]);
    expect(comment).toMatch(/^## Patchbay audit: `network\/design\.json` against `base\.json`$/m);
    expect(comment).toMatch(
      /^\| tor-relay \| LAN ⚠️ \| blocked by pf \| reachable \| .+ \| `patchbay\/intents:1 pass quick/m,
    );
    expect(comment).toContain('**1 new path to the LAN**');
    expect(comment).toContain('- ❌ **tor-relay reaches only the internet** (newly broken)');
    expect(readFileSync(join(work, 'base.json'), 'utf8')).toBe(BLOG);
  }, 60_000);

  it('passes a commit that changes nothing the audit sees, with "no changes"', async () => {
    await git(work, 'checkout', '-q', '-b', 'rename', 'main');
    const design = JSON.parse(BLOG) as { name: string; layout: { positions: Record<string, unknown> } };
    design.name = 'Blog network (tidied)';
    design.layout.positions = { www: { x: 40, y: 80 } };
    await commitDesign(work, `${JSON.stringify(design, null, 2)}\n`, 'rename the design and move a jail');
    const { exits, comment } = await ciJob(work);
    expect(exits).toEqual([0, 0, 0]);
    expect(comment).toContain('✅ no changes');
  }, 60_000);
});
