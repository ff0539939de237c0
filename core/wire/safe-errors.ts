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
  cause?: { stack?: string };
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
