/**
 * Issue 6, item 1: drag busybox -> nginx in the demo, TCP 80: the form suggests nginx's port and
 * both ends (the default deny closes both), previews the YAML and every edge it recolours, and
 * applying writes the rules (the YAML checked) and turns the edge to allow for TCP/80; one undo.
 */
import { expect, test, type Page } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

async function drag(page: Page, from: string, to: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${from}"]`).hover();
  const handle = (await page.getByTestId(`connect-${from}`).boundingBox())!;
  const target = (await page.locator(`.react-flow__node[data-id="${to}"]`).boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('drag busybox -> nginx with TCP 80: the rules are written, the edge allows TCP/80, undo takes it back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[1]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  await drag(page, BUSYBOX, NGINX);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('h2')).toHaveText('shams/busybox → default/nginx');
  // nginx declares http: 80 (offered, and filled in); both ends deny today, so both are written.
  await expect(page.getByTestId('connect-ports')).toHaveValue('80');
  await expect(page.getByTestId('connect-protocol')).toHaveValue('TCP');
  await expect(page.getByTestId('connect-port-http')).toBeVisible();
  await expect(page.getByTestId('connect-ingress')).toBeChecked();
  await expect(page.getByTestId('connect-egress')).toBeChecked();
  // The preview: what is written, and the one edge it changes.
  await expect(page.getByTestId('connect-summary')).toContainText('policies.yaml: new NetworkPolicy default/nginx-ingress');
  await expect(page.getByTestId('connect-summary')).toContainText('policies.yaml: new NetworkPolicy shams/busybox-egress');
  await expect(page.getByTestId('connect-diff')).toContainText('+  name: nginx-ingress');
  const impact = page.getByTestId('connect-impact').locator('tbody tr');
  await expect(impact).toHaveCount(1);
  await expect(impact.first()).toHaveAttribute('data-edge', `${BUSYBOX}->${NGINX}`);
  await expect(impact.first()).toContainText('TCP 80');

  // Kubernetes policies cannot deny: the form says so and Apply waits.
  await page.getByTestId('connect-flavour').selectOption('KubernetesNetworkPolicy');
  await expect(page.getByTestId('connect-action').locator('option[value="Deny"]')).toBeDisabled();
  await page.getByTestId('connect-flavour').selectOption('NetworkPolicy');

  await page.getByTestId('connect-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(app.edge(BUSYBOX, NGINX)).toHaveAttribute('data-verdict', 'partial'); // TCP 80 of everything
  await expect.poll(async () => (await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'TCP/80'), [BUSYBOX, NGINX]) as { verdict: string }).verdict).toBe('allow');
  const yaml = await app.fileText('policies.yaml');
  expect(yaml.startsWith(STEP_POLICIES[1]!)).toBe(true); // the user's documents, byte for byte
  expect(yaml.slice(STEP_POLICIES[1]!.length)).toBe(`---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: nginx-ingress
  namespace: default
spec:
  selector: run == 'nginx'
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: run == 'busybox'
        namespaceSelector: projectcalico.org/name == 'shams'
      destination:
        ports:
          - 80
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: busybox-egress
  namespace: shams
spec:
  selector: run == 'busybox'
  types:
    - Egress
  egress:
    - action: Allow
      protocol: TCP
      destination:
        selector: run == 'nginx'
        namespaceSelector: projectcalico.org/name == 'default'
        ports:
          - 80
`);
  // Only that edge changed colour.
  await app.expectVerdict(NGINX, BUSYBOX, 'deny');

  // One undo step takes both policies back.
  await page.getByTestId('undo').click();
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[1]);
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('"Allow this" on a denied edge writes the minimal rule where it is denied; "Deny this" closes exactly that port', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  // Step 2: busybox may send anywhere; nginx's ingress is still closed.
  await app.replaceEditorText(STEP_POLICIES[2]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await app.clickEdge(BUSYBOX, NGINX);
  await expect(page.getByTestId('inspector-probe-verdict')).toHaveText('TCP/80: denied');
  await page.getByTestId('allow-this').click();
  await expect(page.getByTestId('connect-dialog')).toBeVisible();
  // Only nginx's ingress denies: only that side is written.
  await expect(page.getByTestId('connect-ingress')).toBeChecked();
  await expect(page.getByTestId('connect-egress')).not.toBeChecked();
  await expect(page.getByTestId('connect-ports')).toHaveValue('80');
  await expect(page.getByTestId('connect-summary')).toHaveText('policies.yaml: new NetworkPolicy default/nginx-ingress');
  await expect(page.getByTestId('connect-impact').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('connect-apply').click();
  await expect.poll(async () => (await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'TCP/80'), [BUSYBOX, NGINX]) as { verdict: string }).verdict).toBe('allow');
  await expect(page.getByTestId('inspector-probe-verdict')).toHaveText('TCP/80: allowed');

  // Step 3 allows everything from busybox: "Deny this" for TCP/80 puts a Deny first in the tier.
  await page.getByTestId('undo').click();
  await app.replaceEditorText(STEP_POLICIES[3]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app.clickEdge(BUSYBOX, NGINX);
  await expect(page.getByTestId('inspector-probe-verdict')).toHaveText('TCP/80: allowed');
  await page.getByTestId('deny-this').click();
  await expect(page.getByTestId('connect-action')).toHaveValue('Deny');
  await expect(page.getByTestId('connect-order')).toHaveValue('0');
  await expect(page.getByTestId('connect-tier')).toHaveValue('default');
  const impact = page.getByTestId('connect-impact').locator('tbody tr');
  await expect(impact).toHaveCount(1);
  await expect(impact.first()).toContainText('All Connections except TCP 80');
  await page.getByTestId('connect-apply').click();
  await expect.poll(async () => (await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'TCP/80'), [BUSYBOX, NGINX]) as { verdict: string }).verdict).toBe('deny');
  await expect.poll(async () => (await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'TCP/443'), [BUSYBOX, NGINX]) as { verdict: string }).verdict).toBe('allow');
  expect(await app.fileText('policies.yaml')).toContain('  order: 0\n  selector: run == \'nginx\'\n  types:\n    - Ingress\n  ingress:\n    - action: Deny\n');
  expect(app.consoleErrors).toEqual([]);
});
