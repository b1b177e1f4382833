import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { STEP_POLICIES } from './walkthrough-files';
import { analyzeWorkspace, inspectNode } from '../src/engine';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const CLUSTER = readFileSync(new URL('../examples/walkthrough/cluster.yaml', import.meta.url), 'utf8');

/** The engine's own answer for a node at step 3, as the inspector should list it. */
function engineLists(id: string) {
  const r = inspectNode(analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: STEP_POLICIES[3]! }]), id);
  if ('error' in r) throw new Error(r.error);
  return { ingress: r.ingress.map((p) => p.displayName), egress: r.egress.map((p) => p.displayName) };
}

async function listed(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).getByTestId('node-policy').evaluateAll((els) => els.map((e) => e.getAttribute('data-policy') ?? ''));
}

test('clicking a node lists the policies that apply to it per direction (walkthrough step 3)', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), STEP_POLICIES[3]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');

  await graph.selectNode(NGINX);
  const inspector = page.getByTestId('node-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.locator('h2')).toContainText('default/nginx');
  await expect(page.getByTestId('node-labels')).toContainText('run=nginx');
  await expect(page.getByTestId('node-ports')).toContainText('http TCP/80');
  const ingress = page.getByTestId('node-ingress');
  await expect(ingress).toContainText('default › GlobalNetworkPolicy default-deny');
  await expect(ingress).toContainText('default › NetworkPolicy default/allow-nginx-ingress-from-busybox');
  expect(await listed(page, 'node-ingress')).toEqual(engineLists(NGINX).ingress);
  expect(await listed(page, 'node-egress')).toEqual(engineLists(NGINX).egress);
  await expect(page.getByTestId('node-reached-from')).toHaveText('1'); // busybox only

  await graph.selectNode(BUSYBOX);
  await expect(inspector.locator('h2')).toContainText('shams/busybox');
  const egress = page.getByTestId('node-egress');
  await expect(egress).toContainText('default › NetworkPolicy shams/allow-busybox-egress');
  await expect(egress).toContainText('default › GlobalNetworkPolicy default-deny');
  expect(await listed(page, 'node-egress')).toEqual(engineLists(BUSYBOX).egress);
  expect(await listed(page, 'node-ingress')).toEqual(engineLists(BUSYBOX).ingress);
  expect(engineLists(BUSYBOX).egress).toContain('shams/default.allow-busybox-egress');

  // A policy in the list opens it in the editor.
  await egress.getByRole('button', { name: /allow-busybox-egress/ }).click();
  await expect(page.getByTestId('file-tab-policies.yaml')).toHaveAttribute('aria-selected', 'true');

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
