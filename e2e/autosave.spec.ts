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
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[2]!);
  await app.expectVerdict('wl:default/Pod/nginx', 'ext:internet', 'deny');

  // In IndexedDB, which holds what localStorage (about 5 MB) cannot: a 6 MB file survives too.
  const big = `# ${'x'.repeat(98)}\n`.repeat(60_000);
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'notes.yaml'), big);
  await page.waitForTimeout(800);
  await page.reload();
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  expect(await page.evaluate(() => window.netpolCanvas!.getYaml('notes.yaml').length)).toBe(big.length);
  expect(await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.includes('workspace')))).toEqual([]);
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[2]!);

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset-demo').click();
  await app.expectVerdict('wl:default/Pod/nginx', 'ext:internet', 'allow');
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[0]!);
  expect(app.outsideRequests).toEqual([]);
});
