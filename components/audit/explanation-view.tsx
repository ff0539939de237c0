'use client';

import type { Explanation } from '../../core/audit/report';
import { NatFix } from './nat-fix';
import { NO_IPV6_LOOK, VERDICT_LOOK } from './verdict-style';

function Steps({ title, steps }: { title: string; steps: Explanation['forward'] }) {
  if (steps.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">{title}</h4>
      <ol className="space-y-0.5 border-l-2 border-slate-200 pl-3 text-xs text-slate-700 dark:border-slate-700 dark:text-slate-300">
        {steps.map((step, i) => (
          <li key={i} className={step.blocked ? 'font-medium text-red-700 dark:text-red-300' : ''}>
            {step.text}
            {step.rule ? (
              <span className="ml-1 rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-500 dark:bg-slate-800">
                {step.rule}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One pair's verdict, the reason in a sentence, and every hop of the request and of its reply. */
export function ExplanationView({
  title,
  explanation,
  onAddNat,
}: {
  title: string;
  explanation: Explanation;
  /** Given where the design can be edited: offers nat when that is what the pair lacks. */
  onAddNat?: (egress: string) => void;
}) {
  return (
    <div className="space-y-2">
      <FamilyExplanation title={title} explanation={explanation} onAddNat={onAddNat} />
      {explanation.ipv6 ? <FamilyExplanation title={title} explanation={explanation.ipv6} /> : null}
    </div>
  );
}

function FamilyExplanation({
  title,
  explanation,
  onAddNat,
}: {
  title: string;
  explanation: Explanation;
  onAddNat?: ((egress: string) => void) | undefined;
}) {
  const look = explanation.noIpv6 ? NO_IPV6_LOOK : VERDICT_LOOK[explanation.verdict];
  const family = explanation.family ?? 4;
  return (
    <div
      className="space-y-2 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
      data-testid={family === 6 ? 'audit-explanation-ipv6' : 'audit-explanation'}
      data-family={family}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</span>
        <span className="rounded border border-slate-300 px-1 text-[10px] font-semibold text-slate-600 dark:border-slate-600 dark:text-slate-300">
          IPv{family}
        </span>
        <span
          className={`rounded px-1.5 text-[11px] font-semibold leading-5 ${look.pill}`}
          data-testid={family === 6 ? 'explanation-verdict-ipv6' : 'explanation-verdict'}>
          {look.label}
        </span>
      </div>
      <p className="text-xs text-slate-700 dark:text-slate-300">
        {explanation.summary}
        {explanation.address ? (
          <span className="text-slate-500" data-testid="explanation-address">
            {' '}
            · asked at {explanation.address}
            {explanation.probe ? `, ${explanation.probe}` : ''}
          </span>
        ) : null}
      </p>
      {explanation.uncertain ? (
        <p className="text-xs text-amber-800 dark:text-amber-200" data-testid="explanation-uncertain">
          ⚠ Uncertain: {explanation.uncertain.rule} — {explanation.uncertain.reason}. The audit could not evaluate this
          rule in full; the verdict may differ on the host.
        </p>
      ) : null}
      <NatFix fix={explanation.natFix} onAddNat={onAddNat} />
      <Steps title="Request" steps={explanation.forward} />
      <Steps title="Reply" steps={explanation.reply} />
    </div>
  );
}
