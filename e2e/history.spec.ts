/**
 * Issue 6, item 7: one undo history for every model edit. Undo restores the previous YAML and
 * the graph's colour, from the toolbar, from the keyboard on the graph and in the editor (the
 * editor's keys go to the same history); a deleted file comes back.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

test('undo and redo: YAML and colours come back, from the toolbar, the graph and the editor', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByTestId('undo')).toBeDisabled(); // the workspace the page opened with is not an edit
  await app.openFile('policies.yaml');
  const step0 = await app.fileText('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[1]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // The toolbar.
  await page.getByTestId('undo').click();
  await expect.poll(() => app.fileText('policies.yaml')).toBe(step0);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('redo').click();
  await expect.poll(() => app.fileText('policies.yaml')).toBe(STEP_POLICIES[1]);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await expect(page.getByTestId('redo')).toBeDisabled();

  // The keyboard, with the focus on the graph.
  await page.getByTestId('graph').click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  expect(await app.fileText('policies.yaml')).toBe(step0);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // In the editor: typing is one step per burst; undo puts the cursor at what it changed.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await app.typeInEditor('# typed');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(`${STEP_POLICIES[1]!}# typed`);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(STEP_POLICIES[1]);
  const lines = STEP_POLICIES[1]!.split('\n').length;
  await expect.poll(() => page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent()).toBe(String(lines));
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(step0);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.keyboard.press('ControlOrMeta+Y');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // A deleted file comes back with its text, and its policy with it.
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-delete-policies.yaml').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('file-tab-policies.yaml')).toHaveAttribute('aria-selected', 'true');
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[1]);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
