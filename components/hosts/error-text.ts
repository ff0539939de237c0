// tRPC errors from zod carry one issue per field; people want each field and its rule on a line,
// named as the form names it when the form says how (`{ url: 'Agent URL' }`).

export function errorText(error: unknown, labels: Readonly<Record<string, string>> = {}): string {
  if (!(error instanceof Error)) return String(error);
  try {
    const issues = JSON.parse(error.message) as { path?: (string | number)[]; message: string }[];
    if (Array.isArray(issues)) {
      return issues
        .map((issue) => {
          const field = issue.path?.length ? (labels[issue.path.join('.')] ?? issue.path.join('.')) : '';
          return `${field ? `${field}: ` : ''}${issue.message}`;
        })
        .join('\n');
    }
  } catch {
    // Not a list of zod issues: the message is already meant for people.
  }
  return error.message;
}
