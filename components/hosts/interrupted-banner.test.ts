import { describe, expect, it } from 'vitest';
import { describeRecovery, type LastRecovery } from './interrupted-banner';

// What the host page says about the last revert, recovery or dismissal (issue 14, finding 7c):
// failures are listed, and success is claimed only when the agent said the host is back.

const base = { id: 'a1', summary: '265 step(s)', at: '2026-11-28T12:00:00.000Z', who: 'agent' };

describe('describeRecovery', () => {
  it('says the host is back only when nothing failed and the host matched', () => {
    const last: LastRecovery = {
      ...base,
      type: 'recovered',
      failures: [],
      matchesPreApplyState: true,
      detail: '265 of 265 step(s) undone',
    };
    expect(describeRecovery(last)).toMatchObject({
      tone: 'ok',
      title: expect.stringMatching(
        /^Recovery of the interrupted apply \(agent, .*\): the host is back as it was before the apply$/,
      ),
      failures: [],
    });
  });

  it('lists failures of a start-up revert and says the host differs', () => {
    const failures = Array.from({ length: 25 }, (_, index) => ({
      index,
      summary: `step ${index}`,
      reason: 'its inverse failed: ifconfig: interface bridge0 does not exist',
    }));
    const last: LastRecovery = {
      ...base,
      type: 'reverted',
      who: 'agent (confirmation timed out while the agent was down)',
      failures,
      matchesPreApplyState: false,
    };
    const described = describeRecovery(last);
    expect(described).toMatchObject({
      tone: 'warning',
      more: 5,
      title: expect.stringMatching(
        /^Revert of the unconfirmed apply .*: the host does not match the state before the apply$/,
      ),
    });
    expect(described.failures).toHaveLength(20);
    expect(described.failures[0]).toBe(
      'step 1 (step 0): its inverse failed: ifconfig: interface bridge0 does not exist',
    );
  });

  it('shows who dismissed and why', () => {
    expect(describeRecovery({ ...base, type: 'dismissed', who: 'gina', detail: 'kept as it is' })).toMatchObject({
      tone: 'ok',
      title: expect.stringMatching(/^Interrupted apply dismissed \(gina, .*\): kept as it is$/),
    });
  });
});
