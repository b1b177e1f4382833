import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';

// web-1 (stable) and web-2 (canary) belong to ReplicaSet web; db lets in the stable track only,
// on TCP 5432, so the workload edge web -> db is mixed and its two pods differ.
const owned = (name: string, track: string, ip: string, node: string) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: a
  labels: {app: web, track: ${track}}
  ownerReferences: [{kind: ReplicaSet, name: web, controller: true}]
spec: {nodeName: ${node}, containers: [{name: c}]}
status: {podIP: ${ip}}
`;
const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {containers: [{name: c}]}
${owned('web-1', 'stable', '10.0.0.1', 'node-1')}${owned('web-2', 'canary', '10.0.0.2', 'node-2')}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: a}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-stable, namespace: a}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {track: stable}}}], ports: [{port: 5432}]}]
`;
const WEB = 'wl:a/ReplicaSet/web';
const DB = 'wl:a/Pod/db';
const API = 'wl:a/Deployment/api';
const WEB1 = 'pod:a/web-1';
const WEB2 = 'pod:a/web-2';

/** Every drawn edge touching one of `ids` carries the verdict the scripting API gives for it; returns them. */
async function expectEdgesAgreeWithApi(app: AppPage, graph: GraphPage, ids: string[]): Promise<Record<string, string>> {
  const drawn = (await graph.renderedEdges()).filter(([id]) => id.split('->').some((end) => ids.includes(end)));
  expect(drawn.length).toBeGreaterThan(0);
  const out: Record<string, string> = {};
  for (const [id, verdict] of drawn) {
    const [src, dst] = id.split('->') as [string, string];
    const api = await app.page.evaluate(([s, d]) => window.netpolCanvas!.verdict(s!, d!), [src, dst]);
    expect(api, id).toMatchObject({ verdict });
    out[id] = verdict;
  }
  return out;
}

test('a workload whose pods differ expands to its pods, each with its own edges, and folds back', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), WORKSPACE);
  await app.expectVerdict(WEB, DB, 'partial');
  const before = await expectEdgesAgreeWithApi(app, graph, [WEB]);

  // A template workload has no individual pods: no toggle, "(template)" instead.
  await expect(graph.node(API)).toContainText('×3 (template)');
  await expect(graph.podsToggle('api')).toHaveCount(0);

  const expand = graph.podsToggle('web');
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expand.click();
  await expect(graph.node(WEB1)).toBeVisible();
  await expect(graph.node(WEB2)).toBeVisible();
  await expect(graph.node(WEB)).toHaveCount(0);
  await expect(graph.node(WEB1)).toContainText('10.0.0.1');
  await expect(graph.node(WEB1)).toContainText('node-1');
  // The pods sit inside their namespace group.
  const group = (await graph.node('ns:a').boundingBox())!;
  for (const id of [WEB1, WEB2]) {
    const box = (await graph.node(id).boundingBox())!;
    expect(box.x >= group.x && box.y >= group.y && box.x + box.width <= group.x + group.width && box.y + box.height <= group.y + group.height, id).toBe(true);
  }

  // Each pod's edges: what the API answers with pod ids; the two pods differ towards db.
  await app.expectVerdict(WEB1, DB, 'partial');
  await app.expectVerdict(WEB2, DB, 'deny');
  const pods = await expectEdgesAgreeWithApi(app, graph, [WEB1, WEB2]);
  expect(pods[`${WEB1}->${WEB2}`]).toBe('allow');
  expect(pods[`${DB}->${WEB2}`]).toBe('allow');
  expect(Object.keys(pods).some((id) => id.includes(WEB))).toBe(false);
  expect((await page.evaluate(() => window.netpolCanvas!.listNodes())).map((n) => n.id)).toEqual(expect.arrayContaining([WEB1, WEB2]));
  const why = await page.evaluate(([s, d]) => window.netpolCanvas!.verdict(s!, d!, 'TCP/5432'), [WEB2, DB]);
  expect(why).toMatchObject({ verdict: 'deny' });

  // The edge inspector explains a pod edge: the canary is not let in to db.
  await app.clickEdge(WEB2, DB);
  await expect(page.getByTestId('inspector-verdict')).toHaveText('deny');
  await page.getByTestId('inspector-probe').selectOption('TCP/80');
  await expect(page.getByTestId('inspector-explanation')).toContainText('TCP/80: denied');
  await expect(page.getByTestId('inspector-explanation')).toContainText('a/web-2');

  // The node inspector works on a pod: exactly one endpoint, its IP and node.
  await graph.selectNode(WEB2);
  await expect(page.getByTestId('node-inspector').locator('h2')).toContainText('a/web-2');
  await expect(page.getByTestId('node-pod-ips')).toHaveText('10.0.0.2');
  await expect(page.getByTestId('node-node-name')).toHaveText('node-2');
  await expect(page.getByTestId('node-labels')).toContainText('track=canary');

  // Fold back: the workload and its edges as before, no pod left.
  const collapse = graph.podsToggle('web', true).first();
  await expect(collapse).toHaveAttribute('aria-expanded', 'true');
  await collapse.click();
  await expect(graph.node(WEB)).toBeVisible();
  await expect(graph.node(WEB1)).toHaveCount(0);
  await expect(graph.node(WEB2)).toHaveCount(0);
  expect(await expectEdgesAgreeWithApi(app, graph, [WEB])).toEqual(before);
  expect(app.consoleErrors).toEqual([]);
});
