/**
 * Issue 6, item 4: importing a `kubectl get -o yaml` List file shows a report per document
 * (imported, skipped and why, invalid and where), strips server fields on request, adds the
 * file as one undo step; pasted YAML imports the same way.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';

const LIST = fileURLToPath(new URL('../fixtures/import/kubectl-list.yaml', import.meta.url));
const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

test('import of a kubectl List file shows its report, strips on request, and is one undo step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-files').setInputFiles(LIST);
  const rows = page.getByTestId('import-report').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'imported');
  await expect(rows.nth(0)).toContainText('NetworkPolicy default/web');
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'skipped');
  await expect(rows.nth(1)).toContainText('ConfigMap default/settings');
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'invalid');
  await expect(rows.nth(2)).toContainText('NPC020');
  await page.getByTestId('import-strip').check();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-strip', 'true');
  await expect(page.getByTestId('import-apply')).toHaveText('Import 1 file(s)');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Imported 1 file(s): 1 document(s) imported, 1 skipped, 1 invalid.');
  await expect(page.getByTestId('file-tab-kubectl-list.yaml')).toHaveAttribute('aria-selected', 'true');
  const text = await app.fileText('kubectl-list.yaml');
  expect(text).not.toContain('resourceVersion');
  expect(text).not.toContain('managedFields');
  expect(text).toContain('        run: nginx');
  expect(readFileSync(LIST, 'utf8')).toContain('resourceVersion');
  // The imported policy applies: nginx takes TCP 80 only.
  await app.expectVerdict(BUSYBOX, NGINX, 'partial');

  await page.getByTestId('undo').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await expect(page.getByTestId('file-tab-kubectl-list.yaml')).toHaveCount(0);

  // A folder, picked: its YAML files, under the folder's name.
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-folder').setInputFiles(fileURLToPath(new URL('../fixtures/import', import.meta.url)));
  await expect(page.getByTestId('import-report').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('import-report').locator('tbody tr').first()).toContainText('import/kubectl-list.yaml');
  await page.getByTestId('import-dialog').getByRole('button', { name: 'close' }).click();

  // Pasted YAML.
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-paste').fill('apiVersion: v1\nkind: Namespace\nmetadata: {name: pasted}\n');
  await page.getByTestId('import-paste-add').click();
  await expect(page.getByTestId('import-report').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('import-report').locator('tbody tr').first()).toContainText('pasted.yaml');
  await page.getByTestId('import-apply').click();
  expect(await app.fileText('pasted.yaml')).toBe('apiVersion: v1\nkind: Namespace\nmetadata: {name: pasted}\n');
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
