import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app';
import { readmeScreenshot } from './pages/screenshots';
import { STEP_POLICIES } from './walkthrough-files';
import type {} from '../src/app/api';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';
const PODS = [BUSYBOX, NGINX, DNS];

test('the zero-trust walkthrough, typed into Monaco, recolours the graph at every step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();

  // Step 0: the demo loads with no policy; a flat cluster.
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app.expectVerdict(NET, NGINX, 'allow');

  await app.openFile('policies.yaml');

  // Step 1: Calico default deny (kube-system exempt): every pod-to-pod edge is denied.
  await app.replaceEditorText(STEP_POLICIES[1]!);
  expect(await app.fileText('policies.yaml')).toBe(STEP_POLICIES[1]!);
  for (const a of PODS) for (const b of PODS) if (a !== b) await app.expectVerdict(a, b, 'deny');

  // Step 2: busybox egress allowed; nginx's ingress is still closed.
  await app.replaceEditorText(STEP_POLICIES[2]!);
  await app.expectVerdict(BUSYBOX, NET, 'allow');
  await app.expectVerdict(BUSYBOX, DNS, 'allow');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // Step 3, with the last characters typed key by key: while the selector is unfinished the
  // graph keeps step 2's model (the broken policy is one calicoctl would reject), and completing
  // it turns the edge green live.
  const step3 = STEP_POLICIES[3]!;
  const cut = step3.lastIndexOf('busybox"') + 'busy'.length;
  const typed = 'box"';
  const rest = step3.slice(cut + typed.length);
  await app.replaceEditorText(step3.slice(0, cut) + rest);
  const codes = () => page.evaluate(() => window.netpolCanvas!.diagnostics().map((d) => d.code).sort());
  await expect.poll(codes).toContain('NPC010');
  await expect(page.getByTestId('status')).toContainText('showing the last valid model');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  for (let i = 0; i < rest.length; i++) await page.keyboard.press('ArrowLeft');
  await app.typeInEditor(typed);
  expect(await app.fileText('policies.yaml')).toBe(step3);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  await app.expectVerdict(NGINX, BUSYBOX, 'deny');
  await expect(page.getByTestId('status')).not.toContainText('showing the last valid model');
  // What stays is the article's own pitfall: its default deny leaves nginx no way to DNS.
  await expect.poll(codes).toEqual(['NPC067']);
  await expect(app.problemsCount()).toHaveAttribute('data-count', '1');

  // The inspector explains the edge on both ends with the deciding policy and rule.
  await app.clickEdge(BUSYBOX, NGINX);
  const explanation = page.getByTestId('inspector-explanation');
  await expect(explanation).toContainText('shams/default.allow-busybox-egress › rule 0: allow');
  await expect(explanation).toContainText('default/default.allow-nginx-ingress-from-busybox › rule 0: allow');
  await readmeScreenshot(page, 'screenshot.png');

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('an invalid document is marked, and broken YAML keeps the last good graph', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(STEP_POLICIES[1]!);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');

  // A document of an unknown kind with a wrongly typed field: the schema marks it.
  await app.replaceEditorText(`${STEP_POLICIES[1]!}---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: typo\nspec:\n  order: first\n  types: [Ingress]\n`);
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first()).toBeVisible();
  await expect.poll(async () => (await page.evaluate(() => window.netpolCanvas!.diagnostics())).map((d) => d.line)).toContain(17);
  // The engine rejects the order as calicoctl would: a new error, so the graph stays as it was.
  await expect(page.getByTestId('status')).toContainText('showing the last valid model');

  // YAML that does not parse: the problem is counted and the graph keeps the last good model.
  await app.replaceEditorText(`${STEP_POLICIES[1]!}---\nkind: [unclosed\n`);
  await expect(app.problemsCount()).not.toHaveAttribute('data-count', '0');
  await expect.poll(async () => (await page.evaluate(() => window.netpolCanvas!.diagnostics())).some((d) => d.code === 'NPC001')).toBe(true);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await expect(page.getByTestId('status')).toContainText('showing the last valid model');
  expect(app.outsideRequests).toEqual([]);
});

test('the scripting API loads YAML, lists nodes and explains verdicts', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const nodes = await page.evaluate(() => window.netpolCanvas!.listNodes().map((n) => n.id).sort());
  expect(nodes).toEqual(['ext:internet', 'ns:default', 'ns:kube-system', 'ns:shams', DNS, NGINX, BUSYBOX].sort());
  const diags = await page.evaluate((text) => window.netpolCanvas!.loadYaml(text, 'policies.yaml'), STEP_POLICIES[3]!);
  expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  const v = await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'TCP/80'), [NGINX, BUSYBOX]);
  expect(v).toMatchObject({ verdict: 'deny', connections: 'No Connections' });
  expect('explanation' in v ? v.explanation.join('\n') : '').toContain('end of tier: deny');
});
