/**
 * Issue 6, item 7: a share link carries the workspace in its fragment (no server); opened in a
 * fresh browser it restores the workspace, as one undo step; the workspace file round-trips; a
 * damaged link says so.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

test('a share link opened in a new browser restores the workspace; the workspace file round-trips', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[3]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app.expectVerdict(NGINX, BUSYBOX, 'deny');

  await page.getByTestId('share-open').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/#share=[A-Za-z0-9_-]+$/);
  const url = await link.inputValue();
  expect(url.startsWith(new URL(page.url()).origin)).toBe(true);
  await expect(page.getByTestId('share-size')).toHaveAttribute('data-long', 'false');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-save').click()]);
  const workspaceFile = (await download.path())!;
  expect(JSON.parse(readFileSync(workspaceFile, 'utf8')).files.map((f: { path: string }) => f.path)).toEqual(['cluster.yaml', 'policies.yaml']);

  // A fresh browser (its own storage): the link's workspace, one undo step over the demo.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const app2 = new AppPage(page2);
  await page2.goto(url);
  await page2.waitForFunction(() => window.netpolCanvas !== undefined);
  await page2.evaluate(() => window.netpolCanvas!.ready);
  expect(await app2.fileText('policies.yaml')).toBe(STEP_POLICIES[3]);
  await app2.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app2.expectVerdict(NGINX, BUSYBOX, 'deny');
  await expect(page2.getByTestId('notice')).toContainText('Opened a shared workspace (2 file(s))');
  expect(new URL(page2.url()).hash).toBe('');
  await page2.getByTestId('undo').click();
  await app2.expectVerdict(NGINX, BUSYBOX, 'allow');
  expect(await app2.fileText('policies.yaml')).toBe(STEP_POLICIES[0]);

  // The saved workspace file, opened there: the same workspace again.
  await page2.getByTestId('share-open').click();
  await page2.getByTestId('workspace-open').setInputFiles(workspaceFile);
  await expect(page2.getByTestId('share-dialog')).toHaveCount(0);
  await app2.expectVerdict(NGINX, BUSYBOX, 'deny');
  expect(await app2.fileText('policies.yaml')).toBe(STEP_POLICIES[3]);
  await expect(page2.getByTestId('notice')).toContainText(': 2 file(s). Undo brings back the workspace you had.');

  // A link cut short, pasted into the open page (a fragment change: the page stays).
  await page2.goto(url.slice(0, url.length - 40));
  await expect(page2.getByTestId('notice')).toContainText('The share link could not be opened: the link is damaged or was cut short.');
  expect(app.outsideRequests).toEqual([]);
  expect(app2.outsideRequests).toEqual([]);
  expect(app2.consoleErrors).toEqual([]);
  await other.close();
});
