'use client';

import { useEffect, useState } from 'react';
import { secondsLeft } from './countdown';

/**
 * Seconds left until an unconfirmed apply reverts by itself: read from the clock as each tick
 * fires (never from a time kept since the page opened, which showed 69 before 59), and only ever
 * going down. Null until the first tick and without a deadline.
 */
export function useCountdown(deadline: string | null): number | null {
  const [shown, setShown] = useState<{ deadline: string; seconds: number } | null>(null);
  useEffect(() => {
    if (!deadline) return;
    const end = Date.parse(deadline);
    let seconds: number | null = null;
    const tick = () => {
      seconds = secondsLeft(end, Date.now(), seconds);
      setShown({ deadline, seconds });
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [deadline]);
  return deadline && shown?.deadline === deadline ? shown.seconds : null;
}
