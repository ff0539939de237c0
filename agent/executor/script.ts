import { CommandFailed } from './command-output';
import type { Executor, RunRequest, RunResult } from './types';

// A reading written once and run two ways: a generator that yields each command it needs and is
// resumed with the command's result. Over an Executor it is asynchronous like any other caller;
// over a synchronous runner (the emulator's state, for synthetic traffic that must follow the host
// within one tick) it finishes before returning. An error thrown by the runner is thrown into the
// generator at the `yield`, exactly where an `await executor.run()` would have thrown it.

export type Script<T> = Generator<RunRequest, T, RunResult>;

/** Runs one command and hands back its result, whatever its exit status. */
export function* ask(request: RunRequest): Script<RunResult> {
  return yield request;
}

/** The stdout of a command that must succeed; anything else is a CommandFailed (as commandOutput). */
export function* output(request: RunRequest): Script<string> {
  const result = yield request;
  if (result.code !== 0) throw new CommandFailed(request, result.code, result.stderr);
  return result.stdout;
}

export async function runScript<T>(executor: Executor, script: Script<T>): Promise<T> {
  let step = script.next();
  while (!step.done) {
    let result: RunResult;
    try {
      result = await executor.run(step.value);
    } catch (error) {
      step = script.throw(error);
      continue;
    }
    step = script.next(result);
  }
  return step.value;
}

export function runScriptSync<T>(run: (request: RunRequest) => RunResult, script: Script<T>): T {
  let step = script.next();
  while (!step.done) {
    let result: RunResult;
    try {
      result = run(step.value);
    } catch (error) {
      step = script.throw(error);
      continue;
    }
    step = script.next(result);
  }
  return step.value;
}
