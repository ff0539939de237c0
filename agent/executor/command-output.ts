import type { Executor, RunRequest } from './types';

/** A command that ran and exited non-zero, with FreeBSD's own words. */
export class CommandFailed extends Error {
  constructor(
    readonly request: RunRequest,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(
      `${request.jail ? `[jail ${request.jail}] ` : ''}${request.argv.join(' ')} exited ${code}${stderr.trim() === '' ? '' : `: ${stderr.trim()}`}`,
    );
    this.name = 'CommandFailed';
  }
}

/** The stdout of a command that must succeed; anything else is a CommandFailed. */
export async function commandOutput(executor: Executor, request: RunRequest): Promise<string> {
  const result = await executor.run(request);
  if (result.code !== 0) throw new CommandFailed(request, result.code, result.stderr);
  return result.stdout;
}
