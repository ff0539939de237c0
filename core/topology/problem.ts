export type Severity = 'error' | 'warning';
export type PathSegment = string | number;

/** One thing wrong with a topology: where (a path into the JSON), which rule, and what to do. */
export interface Problem {
  severity: Severity;
  rule: string;
  path: PathSegment[];
  message: string;
}

/** `['stacks', 1, 'interfaces', 0, 'name']` → `stacks[1].interfaces[0].name` */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
