/** A command's output did not have the shape we expected; says which command, where, and what. */
export class ParseError extends Error {
  constructor(
    readonly command: string,
    /** 1-based line of the output, or 0 when the whole output is at fault (bad JSON, empty). */
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(
      `${command}: line ${line}: expected ${expected}, found ${JSON.stringify(found.length > 80 ? `${found.slice(0, 77)}...` : found)}`,
    );
    this.name = 'ParseError';
  }
}
