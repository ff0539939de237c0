'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Destination, Source } from '../../core/audit/audit';
import type { PatchbayAnchors } from '../../core/audit/effective-pf';
import type { AuditReport, Explanation } from '../../core/audit/report';
import { answer } from './answer';
import { useSameMeaning } from './use-same-meaning';
import type { Topology } from '../../core/topology/schema';
import type { AuditRequest, AuditResponse } from './audit-messages';

// The audit of a topology, recomputed in a web worker whenever what it means changes (moving a
// box does not), a short pause after the last edit so typing does not queue work. Without worker
// support it runs on the page.

const PAUSE_MS = 150;
/** Built by scripts/build-worker.mjs (see there why not by the bundler). */
const WORKER_URL = '/audit-worker.js';

type Pending = { request: AuditRequest; done: (response: AuditResponse) => void };
type Question = AuditRequest extends infer R ? (R extends AuditRequest ? Omit<R, 'id'> : never) : never;

export interface AuditState {
  report: AuditReport | null;
  computing: boolean;
  error: string | null;
  explain: (source: Source, destination: Destination) => Promise<Explanation>;
}

export function useAudit(
  topology: Topology,
  patchbay: PatchbayAnchors = 'from-design',
  baseline?: Topology,
): AuditState {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const latest = useRef(0);
  const current = useRef(topology);
  current.current = topology;
  const [report, setReport] = useState<AuditReport | null>(null);
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    const w = new Worker(WORKER_URL);
    w.onmessage = (event: MessageEvent<AuditResponse>) => {
      const waiting = pending.current.get(event.data.id);
      pending.current.delete(event.data.id);
      waiting?.done(event.data);
    };
    // A worker that cannot start (script missing, blocked) would leave every question unanswered:
    // answer them on the page instead, and keep doing so.
    w.onerror = () => {
      w.terminate();
      worker.current = null;
      for (const [id, waiting] of pending.current) {
        pending.current.delete(id);
        waiting.done(answer(waiting.request));
      }
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const ask = useCallback((request: Question): Promise<AuditResponse> => {
    const id = nextId.current++;
    const full = { ...request, id } as AuditRequest;
    const w = worker.current;
    if (!w) return Promise.resolve(answer(full));
    return new Promise((resolve) => {
      pending.current.set(id, { request: full, done: resolve });
      w.postMessage(full);
    });
  }, []);

  // Moving a box does not change what the design means, so it neither restarts the pause nor asks again.
  const meant = useSameMeaning(topology);
  useEffect(() => {
    setComputing(true);
    const timer = setTimeout(() => {
      const ticket = ++latest.current;
      void ask({ kind: 'report', topology: current.current, patchbay, ...(baseline ? { baseline } : {}) }).then(
        (response) => {
          if (ticket !== latest.current) return;
          setComputing(false);
          if (response.kind === 'report') {
            setReport(response.report);
            setError(null);
          } else if (response.kind === 'error') setError(response.message);
        },
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [meant, patchbay, baseline, ask]);

  const explainPair = useCallback(
    async (source: Source, destination: Destination) => {
      const response = await ask({ kind: 'explain', topology: current.current, patchbay, source, destination });
      if (response.kind === 'explain') return response.explanation;
      throw new Error(response.kind === 'error' ? response.message : 'unexpected answer');
    },
    [ask, patchbay],
  );

  return useMemo(() => ({ report, computing, error, explain: explainPair }), [report, computing, error, explainPair]);
}
