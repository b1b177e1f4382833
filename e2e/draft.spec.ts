/**
 * Issue 7, "Done when": the demo ships a flow log and a staged default deny, so the draft's
 * overlay is on the graph at first start; the walkthrough's draft step stages nginx for HTTPS
 * only and shows the flows it would break, on the graph, in the table and in the editor; Enforce
 * on the board changes the enforced colours and the YAML kind.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';

test('first start: the demo flow log on the edges, and what the staged default deny would break', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const badge = (a: string, b: string) => page.locator(`.npc-flow-badge[data-flow-edge="${a}->${b}"]`);
  // Nothing is enforced (every edge allowed); the draft would deny every logged flow but kube-dns's own.
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await expect(app.edge(BUSYBOX, NGINX)).toHaveAttribute('data-pending-verdict', 'deny');
  await expect(badge(BUSYBOX, NGINX)).toHaveAttribute('data-flows', '30');
  await expect(badge(BUSYBOX, NGINX)).toHaveAttribute('data-broken', '30');
  await expect(badge(BUSYBOX, NGINX)).toHaveClass(/is-broken/);
  await expect(badge(BUSYBOX, DNS)).toHaveAttribute('data-broken', '40');
  await expect(badge(NET, NGINX)).toHaveAttribute('data-broken', '30');
  await expect(badge(BUSYBOX, NET)).toHaveAttribute('data-broken', '12');
  // A pair with no logged flow has no badge (its edge is there).
  await expect(app.edge(NGINX, BUSYBOX)).toHaveCount(1);
  await expect(badge(NGINX, BUSYBOX)).toHaveCount(0);
  await expect(app.edge(BUSYBOX, NGINX)).toHaveAttribute('data-broken', '30');
  // Drawn apart: a dashed halo in the draft's colour under each edge the draft changes; kube-dns's own egress it leaves.
  await expect(page.locator(`g[data-id="${BUSYBOX}->${NGINX}"] .npc-edge-draft`)).toHaveAttribute('data-draft-verdict', 'deny');
  await expect(app.edge(DNS, NET)).toHaveCount(1);
  await expect(page.locator(`g[data-id="${DNS}->${NET}"] .npc-edge-draft`)).toHaveCount(0);
  await expect(page.getByTestId('legend-draft')).toBeVisible();
  // The internet's edge: its key the draft would break, though the log names an address.
  await app.clickEdge(BUSYBOX, NET);
  await expect(page.getByTestId('edge-flows').getByTestId('edge-flow-change')).toHaveText(['TCP/443: 12 flows would break']);
  // The draft's counts above its lines in the editor.
  await app.openFile('policies.yaml');
  await expect(page.locator('.codelens-decoration').first()).toContainText('flows: enforced none · pending deny 120');
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('the draft step: the flows nginx-https-only would break, on the graph, in the table, in the editor; Enforce', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const badge = page.locator(`.npc-flow-badge[data-flow-edge="${BUSYBOX}->${NGINX}"]`);
  await page.getByTestId('walkthrough-step-4').click();
  await expect(app.edge(BUSYBOX, NGINX)).toHaveAttribute('data-pending-verdict', 'partial');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  // Busybox's plain HTTP (24 flows) would break; its 6 HTTPS flows would not.
  await expect(badge).toHaveAttribute('data-flows', '30');
  await expect(badge).toHaveAttribute('data-broken', '24');
  await expect(badge).toContainText('24 broken');

  // The edge's inspector: its flows, the key the draft would break; clicked, explained with the draft.
  await app.clickEdge(BUSYBOX, NGINX);
  const flows = page.getByTestId('edge-flows');
  await expect(flows).toHaveAttribute('data-flows', '30');
  await expect(flows).toHaveAttribute('data-denied', '0');
  await expect(flows).toHaveAttribute('data-pending-denied', '24');
  await expect(flows.getByTestId('edge-flow-change')).toHaveText(['TCP/80: 24 flows would break']);
  await flows.getByRole('button', { name: 'TCP/80' }).click();
  await expect(page.getByTestId('inspector-explanation')).toHaveAttribute('data-scope', 'pending');
  await expect(page.getByTestId('inspector-probe-verdict')).toHaveAttribute('data-allowed', 'false');
  await expect(page.getByTestId('inspector-trace-text')).toContainText('nginx-https-only');

  await page.getByTestId('tab-draft').click();
  const rows = page.getByTestId('draft-impact').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-change', 'newly denied');
  await expect(rows.first()).toContainText(`${BUSYBOX} → ${NGINX} TCP/80`);
  await expect(rows.first()).toContainText('24');

  await app.openFile('policies.yaml');
  // The draft is the file's last document: Monaco draws the lenses of the lines in view.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const lenses = page.locator('.codelens-decoration');
  // Its final Deny would take busybox's HTTP and the internet's (denied today by the default deny's tier end).
  await expect(lenses.filter({ hasText: 'ingress rule 1: enforced none · pending deny 54' })).toHaveCount(1);
  await expect(lenses.filter({ hasText: 'ingress rule 0: enforced none · pending allow 6' })).toHaveCount(1);

  // Enforce on the board: the draft becomes a NetworkPolicy; busybox -> nginx is partly denied now.
  await page.getByTestId('tab-board').click();
  await expect(page.getByTestId('card-default/nginx-https-only').getByTestId('card-hits')).toHaveAttribute('data-pending', 'allow 6, deny 54');
  await page.getByTestId('enforce-nginx-https-only').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'partial');
  await expect(app.edge(BUSYBOX, NGINX)).not.toHaveAttribute('data-pending-verdict', /./);
  await expect(page.locator('.npc-edge-draft')).toHaveCount(0);
  expect(await app.fileText('policies.yaml')).toContain('kind: NetworkPolicy\nmetadata:\n  name: nginx-https-only');
  expect(await app.fileText('policies.yaml')).not.toContain('StagedNetworkPolicy');
  await expect(page.getByTestId('card-default/nginx-https-only')).toHaveAttribute('data-kind', 'NetworkPolicy');
  await expect(page.getByTestId('card-default/nginx-https-only').getByTestId('card-hits')).toHaveAttribute('data-enforced', 'allow 6, deny 54');
  // Nothing is staged any more: nothing would break; the badge keeps its 30 flows.
  await expect(badge).toHaveAttribute('data-broken', '0');
  await expect(badge).toHaveAttribute('data-flows', '30');
  expect(app.consoleErrors).toEqual([]);
});

test('the loaded flow logs are kept for the next visit; cleared, they stay cleared', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const badge = page.locator(`.npc-flow-badge[data-flow-edge="${BUSYBOX}->${NGINX}"]`);
  await expect(badge).toHaveAttribute('data-flows', '30');
  await page.waitForTimeout(800); // autosave is debounced
  const reopen = async () => {
    await page.reload();
    await page.waitForFunction(() => window.netpolCanvas !== undefined);
    await page.evaluate(() => window.netpolCanvas!.ready);
  };
  await reopen();
  await expect(badge).toHaveAttribute('data-flows', '30');
  await page.getByTestId('flows-open').click();
  const rows = page.getByTestId('flows-sources').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('demo-flows.ndjson');
  await page.getByTestId('flows-clear').click();
  await expect(rows).toHaveCount(0);
  await expect(badge).toHaveCount(0);
  await page.waitForTimeout(300); // the write to IndexedDB
  await reopen();
  await page.waitForTimeout(500);
  await expect(badge).toHaveCount(0);
  expect(await page.evaluate(() => window.netpolCanvas!.hitSummary())).toBeNull();
  expect(app.consoleErrors).toEqual([]);
});

test("another workspace opened: the demo's log draws no node for what that workspace lacks; a user's log does", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => page.evaluate(() => window.netpolCanvas!.hitSummary()?.records)).toBe(20);
  const other = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n';
  await page.evaluate((t) => window.netpolCanvas!.loadFiles([{ path: 'shop.yaml', text: t }]), other);
  await expect(page.locator('.react-flow__node[data-id="wl:shop/Pod/web"]')).toHaveCount(1);
  // Still loaded and counted (Undo brings the demo back with it), but no "not in the workspace" nodes.
  await expect.poll(() => page.evaluate(() => window.netpolCanvas!.hitSummary()?.records)).toBe(20);
  await page.waitForTimeout(300);
  await expect(page.locator('[data-unknown="true"]')).toHaveCount(0);
  // A log of the user's own: its ends the workspace lacks are drawn as such.
  await page.getByTestId('flows-open').click();
  await page.getByTestId('flows-clear').click();
  await page.getByTestId('flows-files').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nshams,busybox,shop,web,TCP,80,allow,3\n') });
  await expect(page.getByTestId('flows-sources').locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('[data-unknown="true"]')).toHaveCount(1);
  await expect(page.locator('.npc-flow-badge[data-flow-edge="unknown:shams/busybox->wl:shop/Pod/web"]')).toHaveAttribute('data-flows', '3');
  expect(app.consoleErrors).toEqual([]);
});
