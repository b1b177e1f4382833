import type { Page } from '@playwright/test';

/**
 * README screenshots are taken by the e2e runs that reach the state they show, but written to
 * docs/ only on request (`npm run screenshots`, UPDATE_SCREENSHOTS=1): a plain `npm test` never
 * modifies tracked files. Otherwise the picture goes to test-results/ (still taken, so a
 * screenshot that cannot be taken fails the test either way).
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : 'test-results';
  await page.screenshot({ path: `${dir}/${name}` });
}
