import { describe, expect, it } from 'vitest';
import type { ApplyService } from '../apply/apply-service';
import { hostIdentity } from './host-identity';

function countingService(names: string[]) {
  let reads = 0;
  const service = {
    identity: async () => {
      const hostname = names[Math.min(reads, names.length - 1)]!;
      reads++;
      return { osrelease: '14.2-RELEASE', hostname };
    },
  } as unknown as ApplyService;
  return { service, reads: () => reads };
}

describe('host identity (host.info)', () => {
  it('reads the host once, then answers from memory until the answer is old', async () => {
    const { service, reads } = countingService(['a', 'b']);
    const start = 1_000_000;
    expect(await hostIdentity(service, start)).toEqual({ hostname: 'a', osrelease: '14.2-RELEASE' });
    for (let i = 0; i < 50; i++) await hostIdentity(service, start + i * 100);
    expect(reads()).toBe(1);
    // Old: the caller still gets the last answer at once, and a refresh runs behind it.
    expect((await hostIdentity(service, start + 31_000)).hostname).toBe('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads()).toBe(2);
    expect((await hostIdentity(service, Date.now())).hostname).toBe('b');
  });
});
