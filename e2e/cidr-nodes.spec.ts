/**
 * CIDR nodes (issue 4, item 1): every distinct CIDR a rule matches by is an external node of
 * its own, drawn and coloured as the engine says, and its edges explain themselves. Every
 * expectation comes from the engine run here in Node on the same text.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { analyzeWorkspace, explainConnection, parseProbe, policyDisplayName } from '../src/engine';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { InspectorPage } from './pages/inspector';

const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
      ports: [{protocol: TCP, port: 443}]
    - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
      ports: [{protocol: UDP, port: 53}]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  selector: app == "web"
  types: [Egress]
  egress:
    - action: Deny
      destination: {nets: [203.0.113.128/25]}
    - action: Allow
`;

const API = 'wl:shop/Pod/api';
const WEB = 'wl:shop/Pod/web';
const DOCS = 'cidr:203.0.113.0/24';

test('rule CIDRs are nodes of their own, coloured and explained as the engine says', async ({ page }) => {
  const reference = analyzeWorkspace([{ path: 'cidrs.yaml', text: WORKSPACE }]);
  const ref = reference.result;
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const inspector = new InspectorPage(page);
  await app.open();
  const diags = await page.evaluate((t) => window.netpolCanvas!.loadYaml(t), WORKSPACE);
  expect(diags.filter((d) => d.severity === 'error')).toEqual([]);

  // One node per distinct rule CIDR; `except` only carves a hole and makes none.
  const cidrNodes = ref.nodes.filter((n) => n.id.startsWith('cidr:')).map((n) => n.id).sort();
  expect(cidrNodes).toEqual(['cidr:10.0.0.0/8', 'cidr:203.0.113.0/24', 'cidr:203.0.113.128/25']);
  const listed = await page.evaluate(() => window.netpolCanvas!.listNodes().map((n) => n.id).sort());
  expect(listed).toEqual(ref.nodes.map((n) => n.id).sort());
  for (const id of cidrNodes) await expect(graph.node(id)).toContainText('CIDR');

  // Every drawn edge has the engine's verdict, the CIDR nodes' edges among them.
  const expected = new Map(ref.edges.map((e) => [e.id, e.verdict]));
  await expect.poll(async () => new Map(await graph.renderedEdges())).toEqual(expected);
  expect([...expected.keys()].filter((id) => id.includes('cidr:')).length).toBeGreaterThanOrEqual(4);
  // Every drawn edge's arrowhead resolves to a marker of its verdict's colour.
  const arrows = await page.locator('[data-edge]').evaluateAll((els) => els.map((e) => {
    const id = /^url\(#(.+)\)$/.exec(e.getAttribute('marker-end') ?? '')?.[1];
    const marker = id ? document.getElementById(id) : null;
    return marker?.querySelector('polyline')?.getAttribute('fill') === e.getAttribute('stroke');
  }));
  expect(arrows.length).toBe(expected.size);
  expect(arrows.every(Boolean)).toBe(true);
  // 203.0.113.0/24 without the /25 below it: api may reach it on UDP 53 only; web is allowed all.
  expect(expected.get(`${API}->${DOCS}`)).toBe('partial');
  expect(expected.get(`${WEB}->${DOCS}`)).toBe('allow');
  expect(expected.get(`${WEB}->cidr:203.0.113.128/25`)).toBe('deny'); // the Calico Deny on the /25
  const v = await page.evaluate(([s, d]) => window.netpolCanvas!.verdict(s!, d!, 'UDP/53'), [API, DOCS]);
  expect(v).toMatchObject({ verdict: 'allow' });

  // Clicking the api -> 203.0.113.0/24 edge explains it: api-egress's second rule allows UDP/53.
  await app.clickEdge(API, DOCS);
  await expect(inspector.edge).toBeVisible();
  await page.getByTestId('inspector-probe').selectOption('UDP/53');
  await inspector.expectProbe('UDP/53');
  const flow = parseProbe('UDP/53');
  if ('error' in flow) throw new Error(flow.error);
  const why = explainConnection(reference, API, DOCS, flow);
  if ('error' in why) throw new Error(why.error);
  const egress = await inspector.steps('egress');
  const last = egress[egress.length - 1]!;
  const want = why.egress.steps[why.egress.steps.length - 1]!;
  expect(want).toMatchObject({ kind: 'rule', ruleIndex: 1, action: 'allow' });
  expect({ kind: last.kind, action: last.action, policy: last.policy, rule: last.rule })
    .toEqual({ kind: 'rule', action: 'allow', policy: want.kind === 'rule' ? policyDisplayName(want.policy) : null, rule: '1' });
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
