import { EXIT, type ExitCode } from './exit-codes';

/** Where an error lies, for the message and for --json: the file, the field in it, and the rule broken. */
export interface ErrorPlace {
  file?: string;
  field?: string;
  rule?: string;
}

/** An error the CLI reports as it is (no stack trace), with the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exit: ExitCode,
    readonly place: ErrorPlace = {},
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string, place: ErrorPlace = {}) {
    super(message, EXIT.usage, place);
  }
}
