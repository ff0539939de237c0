import type { ApplyService } from '../apply/apply-service';

// host.info is the dashboard's "is it there?" call, made every few seconds for every host. It used
// to read the whole host (every interface, jail and pf anchor) each time, which under load made it
// the slowest call of all. It reads only the name and release (one sysctl), and as those change
// almost never, the answer is cached and refreshed in the background once it is older than
// MAX_AGE_MS: callers get the last answer at once.

export interface HostIdentity {
  hostname: string;
  osrelease: string;
}

const MAX_AGE_MS = 30_000;

interface Entry {
  identity: HostIdentity;
  at: number;
  refreshing: Promise<HostIdentity> | null;
}

const cache = new WeakMap<ApplyService, Entry>();

async function readIdentity(service: ApplyService): Promise<HostIdentity> {
  const { hostname, osrelease } = await service.identity();
  return { hostname: hostname || 'unknown', osrelease };
}

export async function hostIdentity(service: ApplyService, now = Date.now()): Promise<HostIdentity> {
  const entry = cache.get(service);
  if (!entry) {
    const identity = await readIdentity(service);
    cache.set(service, { identity, at: now, refreshing: null });
    return identity;
  }
  if (now - entry.at > MAX_AGE_MS && !entry.refreshing) {
    entry.refreshing = readIdentity(service)
      .then((identity) => Object.assign(entry, { identity, at: Date.now() }).identity)
      // A failed refresh keeps the last answer; the next call past the age tries again.
      .catch(() => entry.identity)
      .finally(() => (entry.refreshing = null));
  }
  return entry.identity;
}
