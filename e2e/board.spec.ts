/**
 * Issue 6, item 3: the policy board. Tiers are columns in evaluation order, policies stacked by
 * order (Kubernetes ones fixed at 1000 in default); moving a card rewrites its order, and here
 * that flips a verdict that depends on order; tiers are created, renamed and deleted; undo.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const POLICIES = `# two policies on nginx whose order decides
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-busybox
  namespace: default
spec:
  order: 100
  selector: run == 'nginx'
  ingress:
    - action: Allow
      source: {namespaceSelector: all(), selector: run == 'busybox'}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: deny-busybox
  namespace: default
spec:
  order: 200 # after the allow
  selector: run == 'nginx'
  ingress:
    - action: Deny
      source: {namespaceSelector: all(), selector: run == 'busybox'}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: default}
spec: {podSelector: {matchLabels: {run: nginx}}, policyTypes: [Ingress], ingress: [{}]}
`;

test('the board: reordering two policies flips the verdict that depends on their order; tiers; undo', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), POLICIES);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('tab-board').click();
  const defaultTier = page.getByTestId('tier-default');
  const cards = defaultTier.locator('article');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toHaveAttribute('data-testid', 'card-default/allow-busybox');
  await expect(cards.nth(1)).toHaveAttribute('data-testid', 'card-default/deny-busybox');
  await expect(cards.nth(2)).toHaveAttribute('data-kind', 'KubernetesNetworkPolicy');
  await expect(cards.nth(2)).toContainText('order 1000 (fixed)');
  await expect(cards.nth(0).getByTestId('card-selected')).toHaveText('1 endpoint');

  // Drag the deny onto the allow: it goes before it, with an order between (200 -> 50).
  await page.getByTestId('card-default/deny-busybox').dragTo(page.getByTestId('card-default/allow-busybox'));
  await expect(page.getByTestId('board-message')).toHaveText('NetworkPolicy default/deny-busybox: order 200 -> 50 · 1 edge changes');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  expect(await app.fileText('policies.yaml')).toBe(POLICIES.replace('order: 200 # after the allow', 'order: 50 # after the allow'));
  await expect(cards.nth(0)).toHaveAttribute('data-testid', 'card-default/deny-busybox');

  // ↓ moves it back after the allow; undo brings the drag's state back, and its colour.
  await page.getByTestId('move-down-deny-busybox').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('undo').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await expect(cards.nth(0)).toHaveAttribute('data-testid', 'card-default/deny-busybox');

  // A tier before default: created, the deny moved into it, renamed; deleting it is refused while it has a policy.
  await page.getByTestId('tier-new-name').fill('security');
  await page.getByTestId('tier-new-order').fill('100');
  await page.getByTestId('tier-create').click();
  await expect(page.getByTestId('policy-board').locator('.npc-board-tier').first()).toHaveAttribute('data-testid', 'tier-security');
  await page.getByTestId('card-default/deny-busybox').dragTo(page.getByTestId('tier-security'));
  await expect(page.getByTestId('tier-security').locator('article')).toHaveCount(1);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await page.getByTestId('tier-rename-security').click();
  await page.getByTestId('tier-rename-input-security').fill('guard');
  await page.getByTestId('tier-rename-input-security').press('Enter');
  await expect(page.getByTestId('tier-guard').locator('article')).toHaveCount(1);
  expect(await app.fileText('policies.yaml')).toContain('  tier: guard\n');
  await page.getByTestId('tier-delete-guard').click();
  await expect(page.getByTestId('board-message')).toHaveText('tier guard still has 1 policy: move or delete them first');

  // One policy exported from its card.
  await page.getByTestId('export-allow-busybox').click();
  await expect(page.getByTestId('export-tier')).toHaveValue('policy');
  await expect(page.getByTestId('export-count')).toHaveText('1 document(s)');
  await expect(page.getByTestId('export-text')).toContainText('name: allow-busybox');
  await page.getByTestId('export-close').click();

  // A click on a card opens it in the editor.
  await page.getByTestId('card-default/allow-busybox').locator('.npc-card-open').click();
  await expect.poll(async () => Number(await page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent())).toBe(2);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('stage a policy from the board: the enforced colour changes, the pending one stays; enforce it back; undo', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[3]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await page.getByTestId('tab-board').click();
  await page.getByTestId('stage-allow-nginx-ingress-from-busybox').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await expect(app.edge(BUSYBOX, NGINX)).toHaveAttribute('data-pending-verdict', 'allow');
  expect(await app.fileText('policies.yaml')).toContain('kind: StagedNetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox');
  await expect(page.getByTestId('card-default/allow-nginx-ingress-from-busybox')).toHaveAttribute('data-kind', 'StagedNetworkPolicy');
  await page.getByTestId('enforce-allow-nginx-ingress-from-busybox').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[3]);
  await page.getByTestId('undo').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  expect(app.consoleErrors).toEqual([]);
});
