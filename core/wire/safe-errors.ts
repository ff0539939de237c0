// What a client learns from an error: never a stack trace or a file path (finding 6 of issue 14:
// every tRPC error carried data.stack with absolute paths, because NODE_ENV was never set). tRPC
// adds the stack only when isDev, so both servers set isDev: false whatever NODE_ENV says; and an
// unexpected error (INTERNAL_SERVER_ERROR: an exception nobody turned into a message for people)
// is replaced by a reference, while the whole error goes to the server's own log under it.
// Both servers use this, so it lives in core: the dashboard server may not import the agent's code.

export const SAFE_TRPC_OPTIONS = { isDev: false } as const;

/** What this needs of tRPC's TRPCError, so that core imports nothing from tRPC. */
interface ErrorLike {
  code: string;
  message: string;
  stack?: string;
  cause?: { stack?: string; issues?: unknown };
}

/** What this needs of a zod issue. */
interface IssueLike {
  path?: readonly PropertyKey[];
  message?: string;
}

const SHOWN_ISSUES = 3;

/**
 * A refused input in words, field path first: "topology.stacks[0].interfaces[1].mtu: Too big: …".
 * tRPC makes the message of a refused input the JSON text of zod's issues (issue 16: Save showed
 * that raw JSON), so every client, the editor's toolbar among them, would otherwise show it.
 */
export function issuesInWords(issues: readonly IssueLike[]): string {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const path = (issue.path ?? [])
      .filter((p): p is string | number => typeof p !== 'symbol')
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
      .join('');
    return `${path ? `${path}: ` : ''}${issue.message ?? 'is not accepted'}`;
  });
  const more = issues.length - SHOWN_ISSUES;
  return `${lines.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function zodIssues(error: ErrorLike): IssueLike[] | undefined {
  const issues = error.cause?.issues;
  return Array.isArray(issues) && issues.length > 0 ? (issues as IssueLike[]) : undefined;
}

interface Shape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; stack?: string };
}

export function safeErrorShape<S extends Shape>(
  who: string,
  log: (line: string) => void = (line) => console.error(line),
) {
  return ({ shape, error }: { shape: S; error: ErrorLike }): S => {
    const { stack: _dropped, ...data } = shape.data;
    const issues = error.code === 'BAD_REQUEST' ? zodIssues(error) : undefined;
    if (issues) return { ...shape, message: issuesInWords(issues), data };
    if (error.code !== 'INTERNAL_SERVER_ERROR') return { ...shape, data };
    const reference = crypto.randomUUID().slice(0, 8);
    log(
      `${who}: internal error ${reference} at ${shape.data.path ?? '?'}: ${error.cause?.stack ?? error.stack ?? error.message}`,
    );
    return {
      ...shape,
      message: `${who} hit an unexpected error (reference ${reference}); its log has the details.`,
      data,
    };
  };
}
