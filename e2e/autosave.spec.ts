import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

test('edits survive a reload; "Reset demo" brings the demo back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[2]!);
  await app.expectVerdict('wl:shams/Pod/busybox', 'ext:internet', 'allow');
  await app.expectVerdict('wl:default/Pod/nginx', 'ext:internet', 'deny');
  await page.waitForTimeout(800); // autosave is debounced

  await page.reload();
  await page.evaluate(() => window.netpolCanvas!.ready);
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[2]!);
  await app.expectVerdict('wl:default/Pod/nginx', 'ext:internet', 'deny');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset-demo').click();
  await app.expectVerdict('wl:default/Pod/nginx', 'ext:internet', 'allow');
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[0]!);
  expect(app.outsideRequests).toEqual([]);
});
