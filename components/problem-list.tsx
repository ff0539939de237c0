import { formatPath, type Problem } from '../core/validate/problem';

export function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) {
    return (
      <p
        className="flex items-center gap-2 rounded-md bg-emerald-50 dark:bg-emerald-950/60 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-300"
        data-testid="validation-clean">
        <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden />
        No problems: the design validates clean.
      </p>
    );
  }
  return (
    <ul className="space-y-2" data-testid="problem-list">
      {problems.map((p) => (
        <li
          key={`${p.rule}@${formatPath(p.path)}`}
          className={`rounded-md border px-3 py-2 text-sm ${p.severity === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 dark:bg-amber-950/60 text-amber-900'}`}>
          <div className="font-mono text-[11px] opacity-70">
            {p.rule} · {formatPath(p.path)}
          </div>
          {p.message}
        </li>
      ))}
    </ul>
  );
}
