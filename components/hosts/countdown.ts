// The confirm-or-revert countdown, as a function of one deadline. Whole seconds left, rounded up, so
// it reads 60 the moment the apply lands and 0 only once the deadline has passed; and never more than
// it showed before, whatever the clock does between reads (a timer that fires late, a page that was
// asleep), so the count only goes down.

/** Seconds left until `deadlineMs` at `nowMs`, no more than `shown` (the number on screen, if any). */
export function secondsLeft(deadlineMs: number, nowMs: number, shown: number | null = null): number {
  const left = Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
  return shown === null ? left : Math.min(shown, left);
}

/** "21:04:12": a moment in the viewer's local time, to the second, on a 24-hour clock. */
export function localClock(at: string | number): string {
  return new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}
