import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../core/plan/plan';
import { validTopology } from '../../core/testing/arbitrary-topology';
import { readHost } from '../discovery/read-host';
import { bootFromFilesWithLog } from './boot';
import { applyLive, files, normalised, optionsFor, spec } from './boot-test-support';

// Every shape the renderers write goes through the strict emulator: for generated designs (nested
// jails, jail-to-jail cables, IPv6, jumbo MTUs, 13/14/15), rc.conf, jail.conf.d and the pf files
// boot with no command failing, and the host they make is the host the live plan makes.

describe('booting rendered files of generated designs (property)', () => {
  it('runs every rendered command without a failure and reads back equal to the live apply', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, async (design) => {
        const booted = bootFromFilesWithLog(files(design), spec(design));
        expect(booted.failures).toEqual([]);
        const fromBoot = await readHost(booted.host);
        expect(normalised(fromBoot)).toEqual(normalised(await readHost(await applyLive(design))));
        const again = plan(fromBoot.topology, design, optionsFor(fromBoot, design));
        expect(again.steps.map((s) => s.summary)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
