// A host read again unchanged keeps the object it had, so the drawing is not rebuilt at every read
// (the host page reads the host every 10 s). Unchanged means: the same topology hash, the same apply
// awaiting confirmation and the same interrupted apply.

interface Read {
  hash: string;
  awaitingConfirmation?: { id: string } | null;
  interrupted?: string | null;
}

function isRead(value: unknown): value is Read {
  return typeof value === 'object' && value !== null && typeof (value as Read).hash === 'string';
}

/** TanStack Query's structuralSharing for hosts.state: the previous read when nothing that is drawn changed. */
export function keepUnchangedRead(previous: unknown, next: unknown): unknown {
  if (!isRead(previous) || !isRead(next)) return next;
  const same =
    previous.hash === next.hash &&
    previous.awaitingConfirmation?.id === next.awaitingConfirmation?.id &&
    previous.interrupted === next.interrupted;
  return same ? previous : next;
}
