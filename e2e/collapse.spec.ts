import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { CollapsePage, foldPairs, type ApiPair } from './pages/collapse';
import { generateCluster, PRESETS } from '../fixtures/generate';

const SMALL = readFileSync(new URL('./collapse-small.yaml', import.meta.url), 'utf8');
const TOOL = 'wl:c/Pod/tool';
// tool's ingress closed: staged (pending only), or enforced (what the draft would do).
const isolate = (kind: 'staged' | 'enforced') => `---
apiVersion: ${kind === 'staged' ? 'projectcalico.org/v3' : 'networking.k8s.io/v1'}
kind: ${kind === 'staged' ? 'StagedKubernetesNetworkPolicy' : 'NetworkPolicy'}
metadata: {name: isolate-tool, namespace: c}
spec:
  podSelector: {matchLabels: {app: tool}}
  policyTypes: [Ingress]
`;
const ids = (edges: [string, string][]) => edges.map(([id]) => id);

test('collapse a namespace: summary edges with the verdicts of their member pairs; expand brings the pairs back', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const collapse = new CollapsePage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL);
  // A small workspace starts expanded: every pair is drawn, as the API answers it.
  const pairs = await collapse.apiPairs();
  const namespaces = await collapse.namespaces();
  const expanded = foldPairs(pairs, namespaces, []);
  expect(expanded.length).toBe(pairs.length);
  await expect.poll(() => graph.renderedEdges()).toEqual(expanded);

  await collapse.collapse('a');
  const folded = foldPairs(pairs, namespaces, ['a']);
  // The fold is not trivial here: a summary edge of each colour.
  expect(new Set(folded.filter(([id]) => id.includes('ns:a')).map(([, v]) => v))).toEqual(new Set(['allow', 'partial']));
  await expect.poll(() => graph.renderedEdges()).toEqual(folded);
  await expect(graph.node('wl:a/Pod/web')).toHaveCount(0);
  // The pairs inside a: web -> db partial, db -> web allow.
  const summary = graph.node('ns:a').getByTestId('namespace-summary');
  await expect(summary).toHaveAttribute('data-workloads', '2');
  await expect(summary).toHaveAttribute('data-intra-allow', '1');
  await expect(summary).toHaveAttribute('data-intra-partial', '1');
  await expect(page.locator('[data-edge="ns:a->wl:b/Pod/client"]')).toHaveAttribute('data-summary', 'true');

  // Two collapsed namespaces: namespace-to-namespace edges.
  await collapse.collapse('b');
  await expect.poll(() => graph.renderedEdges()).toEqual(foldPairs(pairs, namespaces, ['a', 'b']));

  // Double click toggles, so does the toggle button; expand all brings every pair back.
  await collapse.doubleClick('b');
  await collapse.expectCollapsed('b', false);
  await expect.poll(() => graph.renderedEdges()).toEqual(folded);
  await collapse.expand('a');
  await expect.poll(() => graph.renderedEdges()).toEqual(expanded);
  await collapse.collapse('a');
  await collapse.collapseAll();
  await expect.poll(() => graph.renderedEdges()).toEqual(foldPairs(pairs, namespaces, ['a', 'b', 'c']));
  await collapse.expandAll();
  await expect.poll(() => graph.renderedEdges()).toEqual(expanded);
  expect(app.consoleErrors).toEqual([]);
});

test('a summary edge in the inspector: counts, member pairs; choosing a pair expands and selects it; focus on a collapsed namespace', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const collapse = new CollapsePage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL);
  const pairs = await collapse.apiPairs();
  const namespaces = await collapse.namespaces();
  await collapse.collapse('a');

  // client -> namespace a: its members are client -> web and client -> db.
  const members = pairs.filter((p) => p.source === 'wl:b/Pod/client' && namespaces.get(p.target) === 'a');
  await app.clickEdge('wl:b/Pod/client', 'ns:a');
  const inspector = page.getByTestId('summary-inspector');
  await expect(inspector).toBeVisible();
  const counts = inspector.getByTestId('summary-counts');
  const count = (v: ApiPair['verdict']) => String(members.filter((p) => p.verdict === v).length);
  await expect(counts).toHaveAttribute('data-total', String(members.length));
  for (const v of ['allow', 'partial', 'deny'] as const) await expect(counts).toHaveAttribute(`data-${v}`, count(v));
  const listed = inspector.getByTestId('summary-member');
  await expect(listed).toHaveCount(members.length);
  for (const p of members) await expect(inspector.locator(`[data-edge="${p.source}->${p.target}"]`)).toHaveAttribute('data-verdict', p.verdict);

  // Choosing a member pair: namespace a expands, that pair's own edge is selected and explained.
  await inspector.locator('[data-edge="wl:b/Pod/client->wl:a/Pod/web"] button').click();
  await collapse.expectCollapsed('a', false);
  await expect(page.getByTestId('edge-inspector')).toBeVisible();
  await expect(page.getByTestId('inspector-verdict')).toHaveText(pairs.find((p) => p.source === 'wl:b/Pod/client' && p.target === 'wl:a/Pod/web')!.verdict);

  // Focus with a collapsed namespace selected: exactly its summary edges.
  await collapse.collapse('a');
  await collapse.selectNamespace('a');
  await expect(page.getByTestId('collapsed-namespace')).toBeVisible();
  await graph.setEdgeFilter('focus');
  const mine = foldPairs(pairs, namespaces, ['a']).filter(([id]) => id.startsWith('ns:a->') || id.endsWith('->ns:a'));
  expect(mine.length).toBe(6);
  await expect.poll(() => graph.renderedEdges()).toEqual(mine);
  expect(app.consoleErrors).toEqual([]);
});

test('changed by draft: exactly the pairs a staged policy changes, offered only with staged policies', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const collapse = new CollapsePage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL);
  await expect(page.getByTestId('edge-filter-all')).toBeVisible();
  await expect(page.getByTestId('edge-filter-changed')).toHaveCount(0);

  // What the draft would do: the same policy enforced, compared pair by pair with the enforced scope.
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL + isolate('enforced'));
  const promoted = await collapse.apiPairs();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL + isolate('staged'));
  const enforced = await collapse.apiPairs();
  const key = (p: ApiPair) => `${p.source}->${p.target}`;
  const after = new Map(promoted.map((p) => [key(p), p.connections]));
  const changed = enforced.filter((p) => after.get(key(p)) !== p.connections);
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.every((p) => p.target === TOOL)).toBe(true);

  await graph.setEdgeFilter('changed');
  await expect.poll(async () => ids(await graph.renderedEdges())).toEqual(changed.map(key).sort());
  // Their pending verdicts are what enforcing the draft gives.
  for (const p of changed) await expect(app.edge(p.source, p.target)).toHaveAttribute('data-pending-verdict', promoted.find((q) => key(q) === key(p))!.verdict);

  // Collapsed, a summary edge is changed when one of its member pairs is.
  await collapse.collapse('a');
  const namespaces = await collapse.namespaces();
  const end = (id: string) => (namespaces.get(id) === 'a' ? 'ns:a' : id);
  const folded = [...new Set(changed.map((p) => `${end(p.source)}->${end(p.target)}`))].sort();
  await expect.poll(async () => ids(await graph.renderedEdges())).toEqual(folded);
  expect(folded).toContain(`ns:a->${TOOL}`);
  expect(app.consoleErrors).toEqual([]);
});

test('with a probe on, summary edges and the header counts follow the probe', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const collapse = new CollapsePage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL);
  await collapse.collapse('a');
  await page.getByTestId('probe-kind').selectOption('TCP');
  await page.getByTestId('probe-port').fill('80');
  await expect(page.getByTestId('probe-status')).toHaveAttribute('data-probe', 'TCP/80');
  const pairs = await collapse.apiPairs('TCP/80');
  const namespaces = await collapse.namespaces();
  await expect.poll(() => graph.renderedEdges()).toEqual(foldPairs(pairs, namespaces, ['a']));
  const header = page.getByTestId('header-counts');
  for (const v of ['allow', 'partial', 'deny'] as const) await expect(header).toHaveAttribute(`data-${v}`, String(pairs.filter((p) => p.verdict === v).length));
  await expect(header).toContainText('for TCP/80');
  expect(app.consoleErrors).toEqual([]);
});

test('a large workspace: progress while it evaluates, then every namespace collapsed, no member drawn', async ({ page }) => {
  const app = new AppPage(page);
  const collapse = new CollapsePage(page);
  await app.open();
  const text = generateCluster(PRESETS.L).files.map((f) => f.text.replace(/\n*$/, '\n')).join('---\n');
  // Not awaited: the status is watched while the worker evaluates.
  await page.evaluate((t) => { void window.netpolCanvas!.loadYaml(t); }, text);
  await expect(page.getByTestId('evaluating-progress')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('status')).toContainText(/evaluating… \d+\.\d s/);
  await expect(page.getByTestId('status')).toContainText('evaluated in', { timeout: 45_000 });
  await expect(page.getByTestId('evaluating-progress')).toHaveCount(0);

  const nodes = await page.evaluate(() => window.netpolCanvas!.listNodes());
  const namespaces = nodes.filter((n) => n.kind === 'namespace');
  expect(nodes.length - namespaces.length).toBeGreaterThan(150);
  await expect(page.getByTestId('collapse-controls')).toHaveAttribute('data-collapsed', String(namespaces.length));
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(0);
  await collapse.expectCollapsed(namespaces[0]!.name, true);
  // Summary edges are drawn, and every drawn edge has a visible end (a namespace or a cluster-wide node).
  const drawn = await page.locator('[data-edge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-edge') ?? ''));
  expect(drawn.length).toBeGreaterThan(0);
  expect(drawn.every((id) => !id.includes('wl:'))).toBe(true);
  // Expanding one namespace draws its workloads.
  const ns = namespaces.find((n) => nodes.some((w) => w.kind === 'workload' && w.namespace === n.name))!;
  await collapse.expand(ns.name);
  await expect(page.locator(`.react-flow__node-workload[data-id^="wl:${ns.name}/"]`).first()).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
