'use client';

import { useState, type FormEvent } from 'react';
import type { Destination, Source } from '../../core/audit/audit';
import { parseTypedDestination, type Explanation } from '../../core/audit/report';
import type { Meaning } from '../../core/topology/meaning';
import { BUTTON, INPUT } from '../ui/styles';

/** "Can X reach this address?": any source, any typed `address[:proto/port]`. */
export function AskForm({
  topology,
  explain,
  onAnswer,
}: {
  topology: Meaning;
  explain: (source: Source, destination: Destination) => Promise<Explanation>;
  onAnswer: (title: string, explanation: Explanation) => void;
}) {
  const jails = topology.stacks.filter((s) => s.kind === 'jail');
  const host = topology.stacks.find((s) => s.kind === 'host');
  const lans = topology.segments.filter((s) => s.kind === 'lan');
  const [source, setSource] = useState(jails[0] ? `stack:${jails[0].id}` : '');
  const [target, setTarget] = useState('');
  // ping -S ADDRESS and a route forced through one interface (route(8) -ifp/-iface): optional, a
  // stack's only; the audit checks them against the stack and says what is wrong.
  const [fromAddress, setFromAddress] = useState('');
  const [egress, setEgress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sender = source.startsWith('stack:') ? topology.stacks.find((s) => `stack:${s.id}` === source) : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const destination = parseTypedDestination(target);
    if ('error' in destination) return setError(`Destination: ${destination.error}.`);
    if (!source) return setError('Choose who sends.');
    setError(null);
    const [kind, ...rest] = source.split(':');
    const id = rest.join(':');
    const from: Source =
      kind === 'lan'
        ? { kind: 'lan', id }
        : kind === 'internet'
          ? { kind: 'internet' }
          : {
              kind: 'stack',
              id,
              ...(fromAddress.trim() ? { address: fromAddress.trim() } : {}),
              ...(egress ? { egress } : {}),
            };
    const label =
      source === `stack:${host?.id}`
        ? 'host'
        : kind === 'stack'
          ? (jails.find((j) => j.id === id)?.name ?? id)
          : kind === 'lan'
            ? (lans.find((l) => l.id === id)?.name ?? id)
            : 'internet';
    const pins =
      from.kind === 'stack' ? [from.address && `-S ${from.address}`, from.egress && `via ${from.egress}`] : [];
    const pinned = pins.filter(Boolean).join(' ');
    onAnswer(`${label}${pinned ? ` (${pinned})` : ''} → ${target.trim()}`, await explain(from, destination));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-1.5" aria-label="Ask the audit">
      <div className="flex gap-1.5">
        <select
          className={INPUT}
          value={source}
          onChange={(e) => {
            setSource(e.target.value);
            setEgress('');
            setFromAddress('');
          }}
          aria-label="From">
          {jails.map((j) => (
            <option key={j.id} value={`stack:${j.id}`}>
              {j.kind === 'jail' ? j.name : j.id}
            </option>
          ))}
          {host ? <option value={`stack:${host.id}`}>the host</option> : null}
          {lans.map((l) => (
            <option key={l.id} value={`lan:${l.id}`}>
              a host on {l.name}
            </option>
          ))}
          {topology.segments.some((s) => s.kind === 'internet') ? (
            <option value="internet:">a host on the internet</option>
          ) : null}
        </select>
        <input
          className={INPUT}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder="10.0.0.3:tcp/5432"
          aria-label="To address"
        />
        <button type="submit" className={BUTTON}>
          Ask
        </button>
      </div>
      {sender ? (
        <div className="flex gap-1.5">
          <input
            className={INPUT}
            value={fromAddress}
            onChange={(e) => setFromAddress(e.target.value)}
            placeholder="source address (optional)"
            aria-label="Source address"
            list="ask-source-addresses"
          />
          <datalist id="ask-source-addresses">
            {sender.interfaces
              .flatMap((i) => i.addresses)
              .map((a) => (
                <option key={a} value={a.split('/')[0]} />
              ))}
          </datalist>
          <select className={INPUT} value={egress} onChange={(e) => setEgress(e.target.value)} aria-label="Out of">
            <option value="">out of: by the routes</option>
            {sender.interfaces.map((i) => (
              <option key={i.id} value={i.id}>
                out of {i.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {error ? (
        <p className="text-xs text-red-700 dark:text-red-300" role="alert" data-testid="ask-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
