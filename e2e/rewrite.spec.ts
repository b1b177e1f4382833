/**
 * Issue 5, item 5: an edit made outside the text (the graph, the board; here the scripting API
 * they share) rewrites only the affected document through the yaml Document API: the other
 * documents and their comments stay byte for byte, the cursor stays where the user left it, and
 * the edit is one step of the editor's undo stack.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const STEP3 = STEP_POLICIES[3]!;
// The nginx policy is the file's last document, its ingress rules its last lines.
const WITHOUT_INGRESS = STEP3.slice(0, STEP3.lastIndexOf('  ingress:\n'));

test('a model edit from outside the text: that document only, cursor kept, one undo step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP3);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  expect(STEP3.split('\n')[0]).toMatch(/^# Step 1/);

  // The user's cursor: line 3, column 5.
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const cursorLine = () => page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent();
  await expect.poll(cursorLine).toBe('3');

  const result = await page.evaluate(() => window.netpolCanvas!.editResource('policies.yaml',
    { kind: 'NetworkPolicy', name: 'allow-nginx-ingress-from-busybox', namespace: 'default' },
    [{ op: 'delete', at: ['spec', 'ingress'] }]));
  expect(result).not.toHaveProperty('error');
  expect(await app.fileText('policies.yaml')).toBe(WITHOUT_INGRESS);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await expect.poll(cursorLine).toBe('3');

  // Typing goes on at the user's cursor, not at the edit.
  await app.typeInEditor('#');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(insertAt(WITHOUT_INGRESS, 3, 5, '#'));

  // Undo: first the typing, then the edit, as its own step; redo brings the edit back.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(WITHOUT_INGRESS);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(STEP3);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => app.fileText('policies.yaml')).toBe(WITHOUT_INGRESS);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // A resource that is not there: the problem, and the text stays.
  const missing = await page.evaluate(() => window.netpolCanvas!.editResource('policies.yaml',
    { kind: 'NetworkPolicy', name: 'nope', namespace: 'default' }, [{ op: 'delete', at: ['spec'] }]));
  expect(missing).toEqual({ error: 'policies.yaml has no NetworkPolicy default/nope' });
  expect(await app.fileText('policies.yaml')).toBe(WITHOUT_INGRESS);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

function insertAt(text: string, line: number, column: number, what: string): string {
  const lines = text.split('\n');
  const l = lines[line - 1]!;
  lines[line - 1] = l.slice(0, column - 1) + what + l.slice(column - 1);
  return lines.join('\n');
}
