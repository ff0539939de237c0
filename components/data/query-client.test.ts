import { describe, expect, it } from 'vitest';
import { createQueryClient } from './query-client';

describe('the dashboard query client', () => {
  it('shows a failed read at once and reads again only on its interval or after a change', () => {
    const defaults = createQueryClient().getDefaultOptions();
    expect(defaults.queries).toMatchObject({ retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false });
    expect(defaults.mutations).toMatchObject({ retry: false });
  });
});
