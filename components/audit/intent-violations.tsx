'use client';

import { verdictWords } from '../../core/audit/verdict';

/** The pairs that break an intent: which pair, what the audit found, and why; the first few only. */
export function IntentViolations({
  violations,
  limit,
  className,
  testId,
}: {
  violations: { pair: string; found: string; reason: string }[];
  limit: number;
  className: string;
  testId?: string;
}) {
  return (
    <ul className={className} data-testid={testId}>
      {violations.slice(0, limit).map((v) => (
        <li key={v.pair}>
          <span className="font-semibold">{v.pair}</span>: {verdictWords(v.found)} — {v.reason}
        </li>
      ))}
      {violations.length > limit ? <li>and {violations.length - limit} more</li> : null}
    </ul>
  );
}
