import { expect, test } from '@playwright/test';
import { dualStackBlog } from '../core/testing/dual-stack';
import { saveDesign } from './page-actions';

// A dual-stack design in the editor: every matrix cell shows IPv4 on the left and IPv6 on the
// right, "no IPv6 here" apart from a no route, and a cell explains both families with the address
// each was asked at.

test('audit a dual-stack design: IPv4 and IPv6 verdicts side by side, explained with their addresses', async ({
  page,
}) => {
  await page.goto('/designs');
  const id = await saveDesign(page, dualStackBlog());
  await page.goto(`/designs/${id}`);
  const matrix = page.getByTestId('audit-matrix');
  await expect(matrix).toBeVisible();

  const snortInternet = page.getByRole('button', { name: 'snort-jail → Internet: IPv4: reachable · IPv6: reachable' });
  await expect(snortInternet).toHaveAttribute('data-verdict6', 'reachable');
  // The tor relay has only a unique-local IPv6 address: the internet is no route for it in IPv6.
  await expect(
    page.getByRole('button', { name: /^tor-relay → Internet: IPv4: reachable · IPv6: no route$/ }),
  ).toBeVisible();

  await snortInternet.click();
  await expect(page.getByTestId('audit-explanation')).toContainText('asked at 203.0.113.80');
  const v6 = page.getByTestId('audit-explanation-ipv6');
  await expect(v6.getByTestId('explanation-verdict-ipv6')).toHaveText('reachable');
  await expect(v6).toContainText('asked at 2001:db8:ffff:ffff::80');
  await expect(v6).toContainText('IPv6');
  await matrix.screenshot({ path: 'e2e/artifacts/audit-ipv6-matrix.png' });
  await page.screenshot({ path: 'e2e/artifacts/audit-ipv6.png', fullPage: true });
});
