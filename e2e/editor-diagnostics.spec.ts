/**
 * Issue 5: a selector syntax error is underlined at its column (Monaco's squiggle covers
 * exactly that character), listed in the problems panel (a click jumps to it), the graph keeps the last
 * good model meanwhile and fixing the selector recolours it; the other documents of the file stay byte for byte, comments included.
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
  // Step 2: nginx's ingress is still closed.
  await app.replaceEditorText(STEP_POLICIES[2]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await app.replaceEditorText(BAD);
  // Invalid text never replaces the last good model: the graph keeps step 2 and says so.
  await expect(page.getByTestId('status')).toContainText('showing the last valid model');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  const lineNo = BAD.split('\n').findIndex((l) => l.includes('&& %')) + 1;
  const column = BAD.split('\n')[lineNo - 1]!.indexOf('%') + 1;
  await expect.poll(async () => (await page.evaluate(() => window.netpolCanvas!.diagnostics()))
    .filter((d) => d.code === 'NPC010').map((d) => `${d.line}:${d.column}`)).toEqual([`${lineNo}:${column}`]);

  // The underline: Monaco's error squiggle on that line starts at the `%` and is one character wide.
  const underline = async () => page.evaluate(() => {
    const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes('&& %'))!;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let ch: DOMRect | null = null;
    for (let t = walker.nextNode(); t && !ch; t = walker.nextNode()) {
      const i = (t.textContent ?? '').indexOf('%');
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + 1);
      ch = r.getBoundingClientRect();
    }
    const lineBox = line.getBoundingClientRect();
    const squiggles = [...document.querySelectorAll('.monaco-editor .squiggly-error')].map((e) => e.getBoundingClientRect())
      .filter((r) => r.top >= lineBox.top - 1 && r.bottom <= lineBox.bottom + 1);
    return { ch: ch && { x: ch.x, w: ch.width }, squiggles: squiggles.map((r) => ({ x: r.x, w: r.width })) };
  });
  await expect.poll(async () => (await underline()).squiggles.length).toBe(1);
  const u = await underline();
  expect(Math.abs(u.squiggles[0]!.x - u.ch!.x)).toBeLessThan(1.5);
  expect(Math.abs(u.squiggles[0]!.w - u.ch!.w)).toBeLessThan(1.5);

  // Listed in the problems panel; a click puts the cursor on it.
  await app.problemsCount().click();
  const item = page.getByTestId('problems-list').locator('li').filter({ hasText: 'NPC010' });
  await expect(item).toContainText(`policies.yaml:${lineNo}:${column}`);
  await item.locator('button').click();
  await expect.poll(async () => Number(await page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent())).toBe(lineNo);

  // Fixed by typing: the newest text is shown again (nginx opens), and only that line changed.
  await page.keyboard.press('End');
  for (let i = 0; i < ' && %'.length; i++) await page.keyboard.press('Backspace');
  await expect(page.getByTestId('status')).not.toContainText('showing the last valid model');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(GOOD);
  expect(GOOD).toContain('# Step 2');
  await expect(page.getByTestId('problems-list').locator('li').filter({ hasText: 'NPC010' })).toHaveCount(0);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
