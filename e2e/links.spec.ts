import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app';
import { InspectorPage } from './pages/inspector';
import { STEP_POLICIES } from './walkthrough-files';
import { analyzeWorkspace, explainConnection, formatStep, policyFocus } from '../src/engine';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const CLUSTER = readFileSync(new URL('../examples/walkthrough/cluster.yaml', import.meta.url), 'utf8');
const STEP3 = STEP_POLICIES[3]!;

/** 1-based line of the first line containing `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const i = text.split('\n').findIndex((l, n) => n + 1 > after && l.includes(needle));
  if (i < 0) throw new Error(`no '${needle}'`);
  return i + 1;
}

/** The engine's own answer for a line of step 3's policies.yaml. */
function engineFocus(line: number) {
  const f = policyFocus(analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: STEP3 }]), 'policies.yaml', line);
  if (!f) throw new Error(`no policy at line ${line}`);
  return f;
}

// The nginx policy: its document starts at `apiVersion`, its one ingress rule at `- action: Allow`.
const NGINX_POLICY = lineOf(STEP3, 'apiVersion', lineOf(STEP3, '# Step 3'));
const NGINX_RULE = lineOf(STEP3, '- action: Allow', NGINX_POLICY);
const RULE_SELECTOR = lineOf(STEP3, 'selector: run == "busybox"', NGINX_RULE);
const DENY_HEADER = lineOf(STEP3, 'name: default-deny');

test('an edge\'s explanation per side names the deciding policy and rule, equal to the scripting API\'s; links open the editor there', async ({ page }) => {
  const app = new AppPage(page);
  const inspector = new InspectorPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), STEP3);
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');

  await app.clickEdge(BUSYBOX, NGINX);
  await inspector.expectProbe('TCP/80');
  const api = await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!), [BUSYBOX, NGINX]);
  if ('error' in api) throw new Error(api.error);
  const egress = await inspector.steps('egress');
  const ingress = await inspector.steps('ingress');
  expect(egress.map((s) => [s.kind, s.policy, s.rule, s.action])).toEqual([['rule', 'shams/default.allow-busybox-egress', '0', 'allow']]);
  expect(ingress.map((s) => [s.kind, s.policy, s.rule, s.action])).toEqual([['rule', 'default/default.allow-nginx-ingress-from-busybox', '0', 'allow']]);
  // Step for step, the structured trace says what the API's text trace says, in its order.
  expect([...egress, ...ingress].map((s) => s.text)).toEqual(api.explanation.filter((l) => l.startsWith('  ')).map((l) => l.trim()));
  await expect(inspector.side('egress')).toHaveAttribute('data-allowed', 'true');
  await expect(inspector.side('ingress').locator('h3')).toHaveText('ingress of default/nginx: allowed');

  // The rule link moves the editor's cursor to that rule; the policy link to the policy.
  await inspector.openFromStep('ingress', 0, 'rule');
  await expect(page.getByTestId('file-tab-policies.yaml')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => inspector.editorCursorLine()).toBe(NGINX_RULE);
  await inspector.openFromStep('ingress', 0, 'policy');
  await expect.poll(() => inspector.editorCursorLine()).toBe(NGINX_POLICY);

  // A port class probes that class: the trace and its verdict follow, as the API answers them.
  await expect(inspector.portClasses()).toHaveCount(6); // all of TCP, UDP, SCTP, ICMP, ICMPv6, other protocols
  await inspector.portClasses().filter({ hasText: 'ICMP' }).first().getByRole('button').click();
  await inspector.expectProbe('ICMP');
  const icmp = await page.evaluate(([a, b]) => window.netpolCanvas!.verdict(a!, b!, 'ICMP'), [BUSYBOX, NGINX]);
  if ('error' in icmp) throw new Error(icmp.error);
  await expect(page.getByTestId('inspector-trace-text')).toHaveText(icmp.explanation.join('\n'));

  // A denied edge: the end-of-tier hop on the ingress side, the busybox egress allowed.
  await app.clickEdge(NGINX, BUSYBOX);
  await expect(page.getByTestId('port-classes-none')).toBeVisible();
  await expect.poll(async () => (await inspector.steps('egress')).map((s) => [s.kind, s.policy, s.action])).toEqual([['end-of-tier', 'default.default-deny', 'deny']]);
  expect(app.consoleErrors).toEqual([]);
});

test('the policy at the editor\'s cursor highlights what it selects and its rule peers, as the engine answers', async ({ page }) => {
  const app = new AppPage(page);
  const inspector = new InspectorPage(page);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), STEP3);
  await app.openFile('policies.yaml');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  // Nothing is highlighted before the user puts the cursor anywhere.
  expect(await inspector.markedNodes('npc-policy-selected')).toEqual([]);

  // Inside the nginx policy's ingress rule: nginx selected, busybox the rule's peer.
  await inspector.putCursorOnLine(RULE_SELECTOR);
  const inRule = engineFocus(RULE_SELECTOR);
  expect(inRule.selected).toEqual([NGINX]);
  await expect.poll(() => inspector.markedNodes('npc-policy-selected')).toEqual([...inRule.selected].sort());
  expect(await inspector.markedNodes('npc-rule-peer')).toEqual([...inRule.peers].sort());
  await expect(inspector.banner).toHaveAttribute('data-policy', inRule.displayName);
  await expect(page.getByTestId('policy-focus-selects')).toHaveText(`selector matches ${inRule.endpoints} endpoint in 1 workload`);
  await expect(page.getByTestId('policy-focus-peers')).toHaveText(`ingress rule #0 (Allow): peers match ${inRule.peers.length} node`);

  // The cluster-wide default deny's header: both application pods, no rules.
  await inspector.putCursorOnLine(DENY_HEADER);
  const deny = engineFocus(DENY_HEADER);
  expect(deny.selected.length).toBe(2);
  await expect.poll(() => inspector.markedNodes('npc-policy-selected')).toEqual([...deny.selected].sort());
  expect(await inspector.markedNodes('npc-rule-peer')).toEqual([]);
  await expect(page.getByTestId('policy-focus-selects')).toHaveText(`selector matches ${deny.endpoints} endpoints in 2 workloads`);

  // Between documents: nothing; dismissing the banner clears the marks too.
  await inspector.putCursorOnLine(lineOf(STEP3, '---'));
  await expect(inspector.banner).toHaveCount(0);
  expect(await inspector.markedNodes('npc-policy-selected')).toEqual([]);
  await inspector.putCursorOnLine(NGINX_RULE);
  await expect.poll(() => inspector.markedNodes('npc-policy-selected')).toEqual([NGINX]);
  await inspector.banner.getByRole('button', { name: /stop highlighting/ }).click();
  await expect(inspector.banner).toHaveCount(0);
  expect(await inspector.markedNodes('npc-policy-selected')).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('with staged policies, the pending trace marks the staged policy\'s hop', async ({ page }) => {
  const app = new AppPage(page);
  const inspector = new InspectorPage(page);
  const staged = STEP3.replace('kind: NetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox', 'kind: StagedNetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox');
  expect(staged).not.toBe(STEP3);
  await app.open();
  await page.evaluate((t) => window.netpolCanvas!.loadYaml(t, 'policies.yaml'), staged);
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await app.clickEdge(BUSYBOX, NGINX);
  await expect.poll(async () => (await inspector.steps('ingress')).map((s) => s.kind)).toEqual(['end-of-tier']);
  await page.getByTestId('inspector-staged').check();
  await expect(inspector.explanation).toHaveAttribute('data-scope', 'pending');
  // The engine's pending explanation, step for step; the staged hop is marked.
  const why = explainConnection(analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: staged }]), BUSYBOX, NGINX, { protocol: 6, port: 80 }, 'pending');
  if ('error' in why) throw new Error(why.error);
  await expect.poll(async () => (await inspector.steps('ingress')).map((s) => s.text)).toEqual(why.ingress.steps.map(formatStep));
  await expect(inspector.side('ingress').locator('[data-staged="true"]')).toHaveCount(1);
  await expect(inspector.side('ingress').locator('.npc-badge-staged')).toHaveText('staged');
  expect(app.consoleErrors).toEqual([]);
});
