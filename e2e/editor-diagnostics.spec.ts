/**
 * Issue 5: a selector syntax error is underlined at its column (Monaco's marker hover sits
 * exactly there), listed in the problems panel (a click jumps to it), and fixing it recolours
 * the graph; the other documents of the file stay byte for byte, comments included.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const GOOD = STEP_POLICIES[3]!;
const BAD = GOOD.replace('selector: run == "nginx"', 'selector: run == "nginx" && %');

test('a selector syntax error: at its column, in the problems panel, fixed -> recoloured, other documents untouched', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(GOOD);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app.replaceEditorText(BAD);
  // The broken policy is not applied: busybox no longer reaches nginx.
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  const lineNo = BAD.split('\n').findIndex((l) => l.includes('&& %')) + 1;
  const column = BAD.split('\n')[lineNo - 1]!.indexOf('%') + 1;
  await expect.poll(async () => (await page.evaluate(() => window.netpolCanvas!.diagnostics()))
    .filter((d) => d.code === 'NPC010').map((d) => `${d.line}:${d.column}`)).toEqual([`${lineNo}:${column}`]);

  // The underline: hovering the `%` shows the marker, hovering the selector's start does not.
  const where = async (needle: string) => page.locator('.monaco-editor .view-line').filter({ hasText: '&& %' }).evaluate((el, n) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = (t.textContent ?? '').indexOf(n);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + 1);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    throw new Error(`${n} not on the line`);
  }, needle);
  const markerHover = page.locator('.monaco-hover').filter({ hasText: 'invalid selector' });
  const at = await where('%');
  await expect(async () => {
    await page.mouse.move(5, 5);
    await page.mouse.move(at.x, at.y);
    await expect(markerHover).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await expect(markerHover).toContainText('NPC010');
  await page.mouse.move(5, 5);
  await expect(markerHover).toBeHidden();
  const start = await where('r');
  await page.mouse.move(start.x, start.y);
  await page.waitForTimeout(1200); // longer than Monaco's hover delay
  await expect(markerHover).toBeHidden();

  // Listed in the problems panel; a click puts the cursor on it.
  await app.problemsCount().click();
  const item = page.getByTestId('problems-list').locator('li').filter({ hasText: 'NPC010' });
  await expect(item).toContainText(`policies.yaml:${lineNo}:${column}`);
  await item.locator('button').click();
  await expect.poll(async () => Number(await page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent())).toBe(lineNo);

  // Fixed by typing: the policy applies again, and only that line of the file changed.
  await page.keyboard.press('End');
  for (let i = 0; i < ' && %'.length; i++) await page.keyboard.press('Backspace');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(GOOD);
  expect(GOOD).toContain('# Step 2');
  await expect(page.getByTestId('problems-list').locator('li').filter({ hasText: 'NPC010' })).toHaveCount(0);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
