/**
 * Issue 7: flow logs loaded in the browser are replayed through the model; the board
 * shows per-policy hit counts (enforced and pending), the draft tab the flows a staged policy
 * would break, exported as CSV; unreadable lines are shown with their numbers.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { DEMO_FLOWS_FILE, STEP_POLICIES } from './walkthrough-files';

/** Opens the flows dialog, waits for the demo's own flow log (loaded on first start) and clears it. */
async function clearDemoFlows(page: Page): Promise<void> {
  await page.getByTestId('flows-open').click();
  const rows = page.getByTestId('flows-sources').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(DEMO_FLOWS_FILE);
  await page.getByTestId('flows-clear').click();
  await expect(rows).toHaveCount(0);
}

const FLOWS = fileURLToPath(new URL('../fixtures/flows/simple.csv', import.meta.url));
const STAGED = readFileSync(new URL('../fixtures/flows/nginx-lockdown.yaml', import.meta.url), 'utf8');

test('flows: hit counts on the board, the flows a draft would break in the draft tab, CSV', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), STEP_POLICIES[3]! + STAGED);
  await clearDemoFlows(page);
  await page.getByTestId('flows-files').setInputFiles(FLOWS);
  const row = page.getByTestId('flows-sources').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.first()).toContainText('csv');
  await expect(row.first().getByTestId('flows-records')).toHaveText('3');
  await expect(row.first()).toContainText('2: line 4 (bad port "99999"); line 5 (unknown protocol "XTP")');
  await page.getByTestId('flows-dialog').getByRole('button', { name: 'close' }).click();

  await page.getByTestId('tab-board').click();
  await expect(page.getByTestId('card-default/allow-nginx-ingress-from-busybox').getByTestId('card-hits')).toHaveAttribute('data-enforced', 'allow 12');
  await expect(page.getByTestId('card-shams/allow-busybox-egress').getByTestId('card-hits')).toHaveAttribute('data-enforced', 'allow 15');
  const draft = page.getByTestId('card-default/nginx-lockdown').getByTestId('card-hits');
  await expect(draft).toHaveAttribute('data-enforced', '');
  await expect(draft).toHaveAttribute('data-pending', 'deny 12');
  // Per rule: the draft's Allow for 443 sees nothing of these flows, its final Deny takes the 12.
  await draft.locator('summary').click();
  await expect(draft.getByTestId('card-rule-hits')).toHaveCount(1);
  await expect(draft.getByTestId('card-rule-hits').first()).toHaveAttribute('data-rule', 'ingress 1');
  await expect(draft.getByTestId('card-rule-hits').first()).toHaveAttribute('data-pending', 'deny 12');

  await page.getByTestId('tab-draft').click();
  const impact = page.getByTestId('draft-impact').locator('tbody tr');
  await expect(impact).toHaveCount(1);
  await expect(impact.first()).toHaveAttribute('data-change', 'newly denied');
  await expect(impact.first()).toContainText('wl:shams/Pod/busybox → wl:default/Pod/nginx TCP/80');
  await expect(impact.first()).toContainText('12');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draft-csv').click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toBe('change,source,destination,protocol,port,flows,packets,bytes\nnewly denied,wl:shams/Pod/busybox,wl:default/Pod/nginx,TCP,80,12,0,0\n');
  await page.getByTestId('draft-filter').fill('udp');
  await expect(impact).toHaveText(['the staged policies change no flow of the logs']);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('a Calico flow log and a Hubble file on the demo: per-policy and per-rule counts, each connection once', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), STEP_POLICIES[3]! + STAGED);
  await clearDemoFlows(page);
  await page.getByTestId('flows-files').setInputFiles([
    fileURLToPath(new URL('../fixtures/flows/demo-calico.ndjson', import.meta.url)),
    fileURLToPath(new URL('../fixtures/flows/demo-hubble.ndjson', import.meta.url)),
  ]);
  const rows = page.getByTestId('flows-sources').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('calico');
  await expect(rows.nth(0)).toContainText('1: line 4');
  await expect(rows.nth(1)).toContainText('hubble');
  await expect(rows.nth(1)).toContainText('1: line 5');
  await page.getByTestId('flows-dialog').getByRole('button', { name: 'close' }).click();
  await page.getByTestId('tab-board').click();
  // busybox -> nginx: 7 flows logged at both ends by Calico (counted once) and 2 Hubble flows (its reply skipped).
  const rule = (card: string, which: string) => page.getByTestId(card).locator(`[data-testid="card-rule-hits"][data-rule="${which}"]`);
  for (const card of ['card-default/allow-nginx-ingress-from-busybox', 'card-default/nginx-lockdown', 'card-shams/allow-busybox-egress', 'card-default-deny']) {
    await page.getByTestId(card).getByTestId('card-hits').locator('summary').click();
  }
  await expect(rule('card-default/allow-nginx-ingress-from-busybox', 'ingress 0')).toHaveAttribute('data-enforced', 'allow 9');
  await expect(rule('card-default/allow-nginx-ingress-from-busybox', 'ingress 0')).toHaveAttribute('data-pending', '');
  await expect(rule('card-default/nginx-lockdown', 'ingress 1')).toHaveAttribute('data-pending', 'deny 9');
  // busybox's egress: those 9 and its 4 DNS lookups.
  await expect(rule('card-shams/allow-busybox-egress', 'egress 0')).toHaveAttribute('data-enforced', 'allow 13');
  // The Hubble drop nginx -> busybox TCP 8080 ends in the default deny's tier on both ends.
  await expect(rule('card-default-deny', 'egress -1')).toHaveAttribute('data-enforced', 'deny 1');
  await expect(rule('card-default-deny', 'ingress -1')).toHaveAttribute('data-enforced', 'deny 1');
  await page.getByTestId('tab-draft').click();
  await expect(page.getByTestId('draft-impact').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('draft-impact').locator('tbody tr').first()).toContainText('TCP/80');
  await expect(page.getByTestId('draft-summary')).toContainText('5 of 6 records counted');
  expect(app.consoleErrors).toEqual([]);
});

test('an end the workspace lacks becomes a node of its own: its flows drawn, not evaluated, never dropped', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('walkthrough-step-3').click();
  await clearDemoFlows(page);
  const csv = 'src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nnowhere,ghost,default,nginx,TCP,80,allow,5\nshams,busybox,default,nginx,TCP,80,allow,2\n';
  await page.getByTestId('flows-files').setInputFiles({ name: 'ghost.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('flows-sources').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('flows-dialog').getByRole('button', { name: 'close' }).click();
  const ghost = page.locator('.react-flow__node[data-id="unknown:nowhere/ghost"]');
  await expect(ghost).toContainText('not in the workspace');
  const edge = app.edge('unknown:nowhere/ghost', 'wl:default/Pod/nginx');
  await expect(edge).toHaveAttribute('data-verdict', 'unevaluated');
  await expect(page.locator('.npc-flow-badge[data-flow-edge="unknown:nowhere/ghost->wl:default/Pod/nginx"]')).toHaveAttribute('data-flows', '5');
  await expect(page.locator(`.npc-flow-badge[data-flow-edge="wl:shams/Pod/busybox->wl:default/Pod/nginx"]`)).toHaveAttribute('data-flows', '2');
  await app.clickEdge('unknown:nowhere/ghost', 'wl:default/Pod/nginx');
  await expect(page.getByTestId('inspector-unevaluated')).toContainText('nowhere/ghost is not in the workspace');
  await expect(page.getByTestId('edge-flows')).toHaveAttribute('data-flows', '5');
  // Cleared, the node goes with its flows.
  await clearFlows(page);
  await expect(ghost).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

async function clearFlows(page: Page): Promise<void> {
  await page.getByTestId('flows-open').click();
  await page.getByTestId('flows-clear').click();
  await expect(page.getByTestId('flows-sources').locator('tbody tr')).toHaveCount(0);
  await page.getByTestId('flows-dialog').getByRole('button', { name: 'close' }).click();
}
