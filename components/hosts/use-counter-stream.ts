'use client';

import { useEffect } from 'react';
import { api, eventOf } from '../trpc-client';
import { errorText } from './error-text';
import type { TrafficStore } from './traffic-store';

/**
 * Feeds a host's live counters into the traffic store. The server relays the agent's stream and
 * reports when it drops; the browser's EventSource resumes from the last tracked sample after its own
 * connection drops, and the store ignores anything it has already seen.
 */
export function useCounterStream(hostId: string, traffic: TrafficStore) {
  useEffect(() => {
    const subscription = api.hosts.counters.subscribe(
      { id: hostId },
      {
        onData: (value) => {
          const event = eventOf(value);
          if (event.type === 'sample') traffic.applySample(event.sample);
          else traffic.setStatus(event.online, event.message);
        },
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && state.error)
            traffic.setStatus(false, `Lost the dashboard's stream (${state.error.message}); reconnecting…`);
        },
        onError: (error) => traffic.setStatus(false, errorText(error)),
      },
    );
    return () => subscription.unsubscribe();
  }, [hostId, traffic]);
}
