/**
 * Issue 5, item 1: the workspace's files are created, renamed and deleted from the tabs; each
 * is its own document for the engine (a policy in a new file recolours the graph, deleting the
 * file undoes it) and a refused name says why.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

test('new, rename and delete files from the tabs; each file counts for the graph', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow'); // walkthrough step 0: no policy

  // A new file holding step 1's default deny: busybox -> nginx is denied.
  await page.getByTestId('file-new').click();
  const name = page.getByTestId('file-name-input');
  await expect(name).toHaveValue('new.yaml');
  await name.fill('cluster.yaml');
  await name.press('Enter');
  await expect(page.getByTestId('file-name-problem')).toContainText('already exists');
  await name.fill('policies/deny.yaml');
  await name.press('Enter');
  await expect(page.getByTestId('file-tab-policies/deny.yaml')).toHaveAttribute('aria-selected', 'true');
  await app.replaceEditorText(STEP_POLICIES[1]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // Renamed: same text under the new name; diagnostics and the graph follow.
  await page.getByTestId('file-tab-policies/deny.yaml').dblclick();
  await page.getByTestId('file-name-input').fill('policies/default-deny.yaml');
  await page.getByTestId('file-name-input').press('Enter');
  await expect(page.getByTestId('file-tab-policies/default-deny.yaml')).toBeVisible();
  await expect(page.getByTestId('file-tab-policies/deny.yaml')).toHaveCount(0);
  expect(await app.fileText('policies/default-deny.yaml')).toBe(STEP_POLICIES[1]);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // Deleted (after asking): the policy is gone, busybox reaches nginx again.
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-delete-policies/default-deny.yaml').click();
  await expect(page.getByTestId('file-tab-policies/default-deny.yaml')).toHaveCount(0);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  expect(await page.evaluate(() => window.netpolCanvas!.getYaml('policies/default-deny.yaml'))).toBe('');

  // The editor's models went with the deleted and renamed file: only files of the workspace have one.
  const models = async () => ((await page.getByTestId('policy-editor').getAttribute('data-models')) ?? '').split(' ');
  await expect.poll(models).toEqual(['policies.yaml']);
  await page.getByTestId('file-new').click();
  await page.getByTestId('file-name-input').fill('policies/default-deny.yaml');
  await page.getByTestId('file-name-input').press('Enter');
  await expect(page.getByTestId('file-tab-policies/default-deny.yaml')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(models).toEqual(['policies.yaml', 'policies/default-deny.yaml']);
  expect(await app.fileText('policies/default-deny.yaml')).toBe('');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
