// tRPC errors from zod carry one issue per field; people want each field and its rule on a line.

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  try {
    const issues = JSON.parse(error.message) as { path?: (string | number)[]; message: string }[];
    if (Array.isArray(issues)) return issues.map((issue) => `${issue.path?.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('\n');
  } catch {
    // Not a list of zod issues: the message is already meant for people.
  }
  return error.message;
}
