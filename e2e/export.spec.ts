/**
 * Issue 6, item 5: Export writes what calicoctl / kubectl apply: every document valid against
 * the upstream schemas, comments of untouched documents kept, staged and converted forms on
 * request; copy and download give the same text; invalid input is refused with its location.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import type {} from '../src/app/api';
import { upstreamSchemaErrors } from '../fixtures/upstreamSchemas';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const K8S = `# the team's Kubernetes policy
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: default
spec:
  podSelector: {matchLabels: {run: nginx}}
  ingress:
  - ports: [{port: 80}]
`;

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);

test('export for calicoctl and kubectl: valid documents, comments kept, staged and converted, copy and download', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[3]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');

  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  const text = page.getByTestId('export-text');
  await expect(text).toContainText('kind: GlobalNetworkPolicy');
  const calicoctl = (await text.textContent())!;
  // Untouched documents are copied with their comments.
  expect(calicoctl.startsWith('# Step 1: deny everything')).toBe(true);
  expect(docs(calicoctl).map((d) => d.kind)).toEqual(['GlobalNetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
  for (const d of docs(calicoctl)) expect(upstreamSchemaErrors(d)).toEqual([]);
  await expect(page.getByTestId('export-report').locator('tr[data-status="skipped"]').filter({ hasText: 'Pod shams/busybox' })).toHaveCount(1);
  await expect(page.getByTestId('export-count')).toHaveText('3 document(s)');

  // Download and copy give exactly the text shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toBe('netpol-canvas-calicoctl.yaml');
  expect(readFileSync((await download.path())!, 'utf8')).toBe(calicoctl);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('export-copy').click();
  await expect(page.getByTestId('export-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(calicoctl);

  // Staged: the same policies as drafts.
  await page.getByTestId('export-mode').selectOption('stage');
  await expect(text).toContainText('kind: StagedGlobalNetworkPolicy');
  const staged = docs((await text.textContent())!);
  expect(staged.map((d) => d.kind)).toEqual(['StagedGlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedNetworkPolicy']);
  for (const d of staged) expect(upstreamSchemaErrors(d)).toEqual([]);
  await page.getByTestId('export-mode').selectOption('as-is');
  await page.getByTestId('export-close').click();
  await expect(dialog).toHaveCount(0);

  // A Kubernetes policy: calicoctl leaves it to kubectl unless it is converted.
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'k8s.yaml'), K8S);
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-report').locator('tr[data-status="skipped"]').filter({ hasText: 'NetworkPolicy default/web' })).toHaveCount(1);
  await page.getByTestId('export-convert-k8s').check();
  await expect(text).toContainText("projectcalico.org/orchestrator == 'k8s' && run == 'nginx'");
  const converted = docs((await text.textContent())!);
  expect(converted.map((d) => d.kind)).toEqual(['GlobalNetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
  for (const d of converted) expect(upstreamSchemaErrors(d)).toEqual([]);
  expect((await text.textContent())!).toContain("# the team's Kubernetes policy");
  await page.getByTestId('export-target').selectOption('kubectl');
  await page.getByTestId('export-convert-k8s').uncheck();
  await expect(text).toContainText('apiVersion: networking.k8s.io/v1');
  for (const d of docs((await text.textContent())!)) expect(upstreamSchemaErrors(d)).toEqual([]);

  // Invalid input, while the dialog is open: nothing exported, the error located.
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'k8s.yaml'), K8S.replace('{port: 80}', '{port: 70000}'));
  await expect(page.getByTestId('export-error')).toContainText('k8s.yaml:10:');
  await expect(page.getByTestId('export-error')).toContainText('NPC020');
  await expect(text).toHaveCount(0);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
