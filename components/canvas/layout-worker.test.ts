import { describe, expect, it } from 'vitest';
import { LAYOUT_WORKER_BOOT_SCRIPT, LAYOUT_WORKER_URL } from './layout-worker';

/** Runs the <head> script as a page at `pathname` would, and says which worker it started, if any. */
function boot(pathname: string, withWorker = true): string | undefined {
  const window: Record<string, unknown> = {};
  class Worker {
    constructor(readonly url: string) {}
  }
  if (withWorker) window.Worker = Worker;
  new Function('window', 'location', 'Worker', LAYOUT_WORKER_BOOT_SCRIPT)(window, { pathname }, Worker);
  return (window.__patchbayLayoutWorker as Worker | undefined)?.url;
}

describe('the layout worker started from the page head', () => {
  it('starts on the pages that draw', () => {
    for (const page of ['/', '/designs', '/designs/0c7d9e2a', '/hosts/local', '/hosts/local/'])
      expect(boot(page), page).toBe(LAYOUT_WORKER_URL);
  });

  it('does not start where nothing is drawn', () => {
    for (const page of ['/hosts', '/hosts/local/journal', '/login', '/sessions', '/bench'])
      expect(boot(page), page).toBeUndefined();
  });

  it('leaves a browser without workers alone', () => {
    expect(boot('/', false)).toBeUndefined();
  });
});
