import { createInterface } from 'node:readline/promises';
import type { CliIo } from './common/io';
import { runCli } from './run';

// The `patchbay` command (bundled to dist/patchbay.mjs by scripts/build-cli.mjs): process streams in,
// an exit code out.

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  ...(process.stdin.isTTY
    ? {
        ask: async (question: string, signal?: AbortSignal) => {
          const prompt = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await prompt.question(question, signal ? { signal } : {});
          } finally {
            prompt.close();
          }
        },
      }
    : {}),
};

// `patchbay audit big.json | head`: the reader left, nothing more to say; not a crash.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });

process.exitCode = await runCli(process.argv.slice(2), io);
