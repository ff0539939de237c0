import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../scripts/build-cli.mjs';

// The CLI as users get it: the one-file bundle, built once per test file into a temp folder (esbuild
// takes well under a second) and run with node in a child process, argv arrays, no shell.

let built: Promise<string> | undefined;

export function cliBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'pb-cli-bundle-')), 'patchbay.mjs');
    await buildCli(outfile);
    return outfile;
  })();
  return built;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundle; `env` replaces the environment (plus PATH), so NO_COLOR and the like are what the test says. */
export async function runBundle(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number },
): Promise<CliRun> {
  const bundle = await cliBundle();
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [bundle, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env } as unknown as NodeJS.ProcessEnv,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}
