// How often each view reads again while it is open. TanStack Query pauses these while the tab is
// hidden.

/** The hosts list: each host's reachability through host.info, which the agent answers from memory. */
export const HOSTS_LIST_MS = 5_000;

/** An open host page: a full read of the host (state.read), which is a discovery on the agent. */
export const HOST_STATE_MS = 10_000;

/** How long after a confirmation deadline the host is read again: the agent reverts at the deadline. */
export const AFTER_DEADLINE_MS = 1_500;

/**
 * When to read the host again: on the usual interval, or just after an unconfirmed apply's
 * deadline if that comes first, so the page shows the revert without waiting for the next read.
 */
export function hostStateRefetchIn(deadline: string | null | undefined, now: number): number {
  if (!deadline) return HOST_STATE_MS;
  const untilAfterDeadline = Date.parse(deadline) + AFTER_DEADLINE_MS - now;
  return untilAfterDeadline > 0 && untilAfterDeadline < HOST_STATE_MS ? untilAfterDeadline : HOST_STATE_MS;
}
