'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { api } from '../trpc-client';
import { afterHostsChange, useInvalidate } from '../data/invalidation';
import { HOSTS_LIST_MS } from '../data/polling';
import { useTRPC } from '../data/trpc';
import { BUTTON, DANGER_BUTTON, INPUT, PRIMARY_BUTTON } from '../ui/styles';
import { errorText } from './error-text';

type HostStatus = Awaited<ReturnType<typeof api.hosts.list.query>>[number];

/** The add-host form's fields, as the server's refusals name them. */
const FIELD_LABELS = {
  name: 'Name',
  url: 'Agent URL',
  token: 'Token',
  fingerprint: 'Certificate fingerprint',
  allowHttp: 'Allow plain http',
};

function ago(iso: string | null): string {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return new Date(iso).toLocaleString();
}

function HostCard({ host, onRemove }: { host: HostStatus; onRemove: () => void }) {
  const info = host.lastInfo;
  return (
    <li
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      data-testid={`host-${host.id}`}>
      <div className="flex items-center gap-2">
        <span className={`h-2.5 w-2.5 rounded-full ${host.online ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden />
        <a href={`/hosts/${host.id}`} className="font-semibold text-violet-700 hover:underline dark:text-violet-300">
          {host.name}
        </a>
        <span
          className={`rounded px-1.5 text-xs font-medium ${host.online ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300'}`}
          data-testid="host-status">
          {host.online ? 'online' : 'offline'}
        </span>
        {host.builtIn && (
          <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            built in
          </span>
        )}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-500">Agent</dt>
        <dd className="truncate font-mono text-xs leading-5">{host.url}</dd>
        {host.allowHttp && !host.builtIn && host.url.startsWith('http://') && (
          <>
            <dt className="text-slate-500">Transport</dt>
            <dd className="text-amber-700 dark:text-amber-300" data-testid="host-plain-http">
              plain http: the token travels unencrypted
            </dd>
          </>
        )}
        {host.fingerprint && (
          <>
            <dt className="text-slate-500">Certificate</dt>
            <dd
              className="truncate font-mono text-xs leading-5"
              title={host.fingerprint}
              data-testid="host-fingerprint">
              pinned, SHA-256 {host.fingerprint}
            </dd>
          </>
        )}
        <dt className="text-slate-500">Host</dt>
        <dd>{info ? `${info.hostname} · FreeBSD ${info.freebsdVersion}` : 'not seen yet'}</dd>
        <dt className="text-slate-500">Kind</dt>
        <dd>{info ? (info.driver === 'emulator' ? 'emulated (demo)' : 'real FreeBSD') : '–'}</dd>
        <dt className="text-slate-500">Last seen</dt>
        <dd data-testid="host-last-seen">{ago(host.lastSeen)}</dd>
      </dl>
      {host.problem && <p className="text-sm text-red-700 dark:text-red-300">{host.problem}</p>}
      <div className="mt-auto flex gap-2">
        <a href={`/hosts/${host.id}`} className={PRIMARY_BUTTON}>
          Open
        </a>
        <a href={`/hosts/${host.id}/journal`} className={BUTTON}>
          Journal
        </a>
        {!host.builtIn && (
          <button type="button" className={`${DANGER_BUTTON} ml-auto`} onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
    </li>
  );
}

function AddHostForm() {
  const [error, setError] = useState<string | null>(null);
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const add = useMutation(trpc.hosts.add.mutationOptions({ onSuccess: () => invalidate(afterHostsChange) }));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const fingerprint = input('fingerprint').value.trim();
    try {
      await add.mutateAsync({
        name: input('name').value,
        url: input('url').value,
        token: input('token').value,
        allowHttp: input('allowHttp').checked,
        ...(fingerprint ? { fingerprint } : {}),
      });
      form.reset();
      setError(null);
    } catch (caught) {
      setError(errorText(caught, FIELD_LABELS));
    }
  };
  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="space-y-2 rounded-lg border border-dashed border-slate-300 p-4 dark:border-slate-600"
      data-testid="add-host">
      <h2 className="font-semibold">Add an agent</h2>
      <div className="grid gap-2 sm:grid-cols-3">
        <label className="text-sm">
          Name
          <input name="name" className={INPUT} placeholder="jailhost" required />
        </label>
        <label className="text-sm">
          Agent URL
          <input name="url" className={INPUT} placeholder="https://jailhost.example.org:7780" required />
        </label>
        <label className="text-sm">
          Token
          <input
            name="token"
            type="password"
            className={INPUT}
            placeholder="from /usr/local/etc/patchbay/agent.token"
            autoComplete="off"
            required
          />
        </label>
      </div>
      <label className="block text-sm">
        Certificate fingerprint (optional)
        <input
          name="fingerprint"
          className={`${INPUT} font-mono`}
          placeholder="SHA-256, e.g. 3F:A2:…:9C"
          autoComplete="off"
          spellCheck={false}
        />
        <span className="text-xs text-slate-500">
          For an agent with a self-signed certificate: on the agent host run{' '}
          <code>openssl x509 -in &lt;agent certificate&gt; -noout -fingerprint -sha256</code> and paste what it prints.
          The dashboard then trusts exactly that certificate, and refuses any other.
        </span>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input name="allowHttp" type="checkbox" />
        Allow plain http (the token travels unencrypted)
      </label>
      <p className="text-xs text-slate-500">
        The token is kept by the dashboard&apos;s server and is never sent back to a browser. Agent URLs are https://
        unless the agent runs on this machine or plain http is allowed above.
      </p>
      {error && (
        <p className="whitespace-pre-line text-sm text-red-700 dark:text-red-300" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className={PRIMARY_BUTTON}>
        Add host
      </button>
    </form>
  );
}

/** Every agent the dashboard knows, checked every few seconds. */
export function HostList() {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  // Reachability only (host.info, answered from the agent's memory): the full read is the host page's.
  const list = useQuery(trpc.hosts.list.queryOptions(undefined, { refetchInterval: HOSTS_LIST_MS }));
  const removal = useMutation(trpc.hosts.remove.mutationOptions({ onSettled: () => invalidate(afterHostsChange) }));
  const hosts = list.data ?? null;
  // A list read that succeeds again clears its own failure; a failed removal stays until the next one.
  const failure = list.error ?? removal.error;
  const error = failure ? errorText(failure) : null;

  const remove = (host: HostStatus) => {
    if (!window.confirm(`Remove ${host.name}? The agent keeps running; the dashboard forgets its URL and token.`))
      return;
    removal.mutate({ id: host.id });
  };

  return (
    <div className="mx-auto w-full max-w-5xl space-y-6 overflow-auto p-6">
      <h1 className="text-xl font-semibold">Hosts</h1>
      {error && <p className="text-sm text-red-700 dark:text-red-300">{error}</p>}
      {hosts === null ? (
        <p className="text-sm text-slate-500">Checking the agents…</p>
      ) : hosts.length === 0 ? (
        <p className="text-sm text-slate-500">
          No hosts yet. Add an agent below, or start Patchbay with `npm start` to get the local demo host.
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="host-list">
          {hosts.map((host) => (
            <HostCard key={host.id} host={host} onRemove={() => remove(host)} />
          ))}
        </ul>
      )}
      <AddHostForm />
    </div>
  );
}
