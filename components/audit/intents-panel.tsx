'use client';

import { useState, type FormEvent } from 'react';
import type { AuditReport } from '../../core/audit/report';
import type { IntentKind } from '../../core/topology/schema';
import type { Meaning } from '../../core/topology/meaning';
import { IntentViolations } from './intent-violations';
import { INPUT, PRIMARY_BUTTON } from '../ui/styles';

// What must hold, in the user's words, each with whether the audit finds it holding. Adding an
// intent goes through the store, which refuses a bad one with the field and the rule.

const KINDS: { kind: IntentKind; label: string }[] = [
  { kind: 'internet-only', label: 'reaches only the internet' },
  { kind: 'lan-only', label: 'reaches the LAN, never the internet' },
  { kind: 'isolated', label: 'is isolated' },
  { kind: 'unreachable', label: 'is reached by nothing' },
  { kind: 'inbound-only', label: 'is reachable from outside only on …' },
  { kind: 'may-reach', label: 'may reach …' },
  { kind: 'allow', label: 'is allowed to reach … (a pf pass rule)' },
  { kind: 'deny', label: 'never reaches … (a pf block rule)' },
];

/** Kinds between two endpoints (core/topology/schema.ts isPairIntent); the rest have one subject. */
const PAIR_KINDS: ReadonlySet<IntentKind> = new Set(['may-reach', 'allow', 'deny']);

type Choice = { value: string; label: string };

function subjects(topology: Meaning): Choice[] {
  const jails = topology.stacks
    .filter((s) => s.kind === 'jail')
    .map((s) => ({ value: `stack:${s.id}`, label: s.kind === 'jail' ? s.name : s.id }));
  const bridges = topology.stacks
    .flatMap((s) => s.interfaces)
    .filter((i) => i.kind === 'bridge')
    .map((b) => ({ value: `network:${b.id}`, label: `everything on ${b.name}` }));
  return [...jails, ...bridges];
}

function endpoints(topology: Meaning): Choice[] {
  const host = topology.stacks.find((s) => s.kind === 'host');
  return [
    ...subjects(topology),
    ...(host ? [{ value: `stack:${host.id}`, label: 'the host' }] : []),
    ...topology.segments.map((s) => ({ value: `segment:${s.id}`, label: s.name })),
  ];
}

function endpointOf(value: string): { kind: 'stack' | 'network' | 'segment'; id: string } {
  const at = value.indexOf(':');
  return { kind: value.slice(0, at) as 'stack' | 'network' | 'segment', id: value.slice(at + 1) };
}

export interface IntentEditing {
  add: (draft: Record<string, unknown> & { kind: string }) => void;
  remove: (id: string) => void;
  refusal: string | null;
}

export function IntentsPanel({
  topology,
  report,
  editing,
}: {
  topology: Meaning;
  report: AuditReport | null;
  editing?: IntentEditing;
}) {
  const results = new Map((report?.intents ?? []).map((r) => [r.id, r]));
  return (
    <div className="space-y-2">
      {topology.intents.length === 0 ? (
        <p className="text-sm text-slate-500">
          No intents: say what must hold, and the audit checks it on every change.
        </p>
      ) : null}
      <ul className="space-y-1.5" data-testid="intent-list">
        {topology.intents.map((intent) => {
          const result = results.get(intent.id);
          const broken = result && !result.holds;
          return (
            <li
              key={intent.id}
              className={`rounded-md border px-2.5 py-1.5 text-xs ${broken ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100' : 'border-slate-200 bg-white text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200'}`}
              data-testid="intent"
              data-holds={result ? String(result.holds) : 'unknown'}>
              <div className="flex items-start gap-2">
                <span
                  aria-hidden
                  className={`mt-0.5 font-bold ${broken ? 'text-red-600' : result ? 'text-emerald-600' : 'text-slate-400'}`}>
                  {broken ? '✗' : result ? '✓' : '…'}
                </span>
                <span className="flex-1">
                  {result?.text ?? intent.id}
                  <span className="sr-only">{broken ? ' (violated)' : result ? ' (holds)' : ''}</span>
                </span>
                {editing ? (
                  <button
                    type="button"
                    className="text-slate-400 hover:text-red-600"
                    onClick={() => editing.remove(intent.id)}
                    aria-label={`Remove intent ${result?.text ?? intent.id}`}>
                    ✕
                  </button>
                ) : null}
              </div>
              {broken ? (
                <IntentViolations
                  violations={result.violations}
                  limit={5}
                  className="mt-1 space-y-0.5 pl-5"
                  testId="intent-violations"
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {editing ? <AddIntentForm topology={topology} editing={editing} /> : null}
    </div>
  );
}

function AddIntentForm({ topology, editing }: { topology: Meaning; editing: IntentEditing }) {
  const [kind, setKind] = useState<IntentKind>('internet-only');
  const subjectChoices = subjects(topology);
  const endpointChoices = endpoints(topology);
  const [subject, setSubject] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [protocol, setProtocol] = useState<'any' | 'tcp' | 'udp' | 'icmp'>('tcp');
  const [ports, setPorts] = useState('');
  const [origin, setOrigin] = useState<'lan' | 'internet'>('internet');
  const [allowed, setAllowed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (PAIR_KINDS.has(kind)) {
      const parsed =
        ports.trim() === ''
          ? []
          : ports
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number);
      if (parsed.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
        return setError('Ports: whole numbers from 1 to 65535, separated by commas.');
      if (!from || !to) return setError('Choose who may reach whom.');
      editing.add({ kind, from: endpointOf(from), to: endpointOf(to), protocol, ports: parsed });
    } else if (kind === 'inbound-only') {
      if (!subject) return setError('Choose a jail or a bridge.');
      const allow = parseAllowed(allowed);
      if (typeof allow === 'string') return setError(allow);
      editing.add({ kind, subject: endpointOf(subject), origin, allow });
    } else {
      if (!subject) return setError('Choose a jail or a bridge.');
      editing.add({ kind, subject: endpointOf(subject) });
    }
  };
  return (
    <form
      onSubmit={submit}
      className="space-y-1.5 rounded-md border border-dashed border-slate-300 p-2 dark:border-slate-600"
      aria-label="Add an intent">
      <div className="flex gap-1.5">
        {PAIR_KINDS.has(kind) ? (
          <select className={INPUT} value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Who">
            <option value="">who…</option>
            {endpointChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <select
            className={INPUT}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            aria-label="Jail or bridge">
            <option value="">jail or bridge…</option>
            {subjectChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
        <select
          className={INPUT}
          value={kind}
          onChange={(e) => setKind(e.target.value as IntentKind)}
          aria-label="Intent">
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {PAIR_KINDS.has(kind) ? (
        <div className="flex gap-1.5">
          <select className={INPUT} value={to} onChange={(e) => setTo(e.target.value)} aria-label="Whom">
            <option value="">whom…</option>
            {endpointChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <select
            className={`${INPUT} !w-24`}
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as typeof protocol)}
            aria-label="Protocol">
            {(['tcp', 'udp', 'icmp', 'any'] as const).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <input
            className={`${INPUT} !w-24`}
            value={ports}
            onChange={(e) => setPorts(e.target.value)}
            placeholder="5432"
            aria-label="Ports"
            disabled={protocol === 'icmp' || protocol === 'any'}
          />
        </div>
      ) : null}
      {kind === 'inbound-only' ? (
        <div className="flex gap-1.5">
          <select
            className={`${INPUT} !w-36`}
            value={origin}
            onChange={(e) => setOrigin(e.target.value as typeof origin)}
            aria-label="From where">
            <option value="internet">from the internet</option>
            <option value="lan">from the LAN</option>
          </select>
          <input
            className={INPUT}
            value={allowed}
            onChange={(e) => setAllowed(e.target.value)}
            placeholder="tcp/443 (empty: nothing)"
            aria-label="Allowed ports"
          />
        </div>
      ) : null}
      <div className="flex items-center gap-2">
        <button type="submit" className={PRIMARY_BUTTON}>
          Add intent
        </button>
        {error || editing.refusal ? (
          <p className="text-xs text-red-700 dark:text-red-300" role="alert">
            {error ?? editing.refusal}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** "tcp/443, udp/53" → the allowed ports of an inbound-only intent; a sentence when malformed. */
function parseAllowed(text: string): { protocol: 'tcp' | 'udp'; port: number }[] | string {
  const items = text.split(/[\s,]+/).filter(Boolean);
  const allow: { protocol: 'tcp' | 'udp'; port: number }[] = [];
  for (const item of items) {
    const match = /^(tcp|udp)\/(\d{1,5})$/i.exec(item);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535)
      return `Allowed ports: "${item}" is not like tcp/443 or udp/53 (a port from 1 to 65535).`;
    allow.push({ protocol: match[1]!.toLowerCase() as 'tcp' | 'udp', port });
  }
  return allow;
}
