/**
 * Issue 4 at scale: the generated cluster of 100 namespaces / ~2,000 workloads
 * (fixtures/generate.ts UI_SCALE) loads and renders collapsed; search finds a workload; its
 * edge's explanation names the deciding policy and rule on both sides; collapsing and focus
 * mode change the drawn edge set exactly. Every expectation comes from the engine run here in
 * Node on the same files (the reference), not from the page.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { analyzeWorkspace, explainConnection, parseProbe, policyDisplayName, type EdgeData, type NodeData, type TraceStep } from '../src/engine';
import { generateCluster, UI_SCALE } from '../fixtures/generate';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { CollapsePage } from './pages/collapse';
import { InspectorPage } from './pages/inspector';
import { readmeScreenshot } from './pages/screenshots';

test.setTimeout(300_000);

const cluster = generateCluster(UI_SCALE);
const reference = analyzeWorkspace(cluster.files);
const ref = reference.result;
const byId = new Map(ref.nodes.map((n) => [n.id, n]));
const isAddress = (n: NodeData) => n.kind === 'external' || n.kind === 'networkset';

/** The drawn end of a node when namespace `expanded` (or none) is the only expanded one. */
function visibleEnd(id: string, expanded: string | null): string {
  const n = byId.get(id)!;
  return n.namespace !== undefined && n.kind !== 'namespace' && `ns:${n.namespace}` !== expanded ? `ns:${n.namespace}` : id;
}

/** Summary edges as the graph must draw them, aggregated here from the reference's pairs (independently of src/state/collapse.ts). */
function expectedView(expanded: string | null): Map<string, string> {
  const members = new Map<string, NodeData[]>();
  for (const n of ref.nodes) if (n.kind !== 'namespace') members.set(visibleEnd(n.id, expanded), [...(members.get(visibleEnd(n.id, expanded)) ?? []), n]);
  const groups = new Map<string, EdgeData[]>();
  for (const e of ref.edges) {
    const a = visibleEnd(e.source, expanded);
    const b = visibleEnd(e.target, expanded);
    if (a === b) continue; // inside one collapsed namespace: counted on its node, not drawn
    groups.set(`${a}->${b}`, [...(groups.get(`${a}->${b}`) ?? []), e]);
  }
  const out = new Map<string, string>();
  for (const [id, es] of groups) {
    const [a, b] = id.split('->') as [string, string];
    const direct = members.get(a)!.length === 1 && members.get(a)![0]!.id === a && members.get(b)!.length === 1 && members.get(b)![0]!.id === b;
    if (direct) { out.set(id, es[0]!.verdict); continue; }
    // Every member pair the engine counts (none between two address nodes); left-out pairs are denies.
    let total = 0;
    for (const x of members.get(a)!) for (const y of members.get(b)!) if (!(isAddress(x) && isAddress(y))) total++;
    const allow = es.filter((e) => e.verdict === 'allow').length;
    const some = es.filter((e) => e.verdict !== 'deny').length;
    if (some === 0) continue;
    out.set(id, allow === total ? 'allow' : 'partial');
  }
  return out;
}

const deciding = (steps: readonly TraceStep[]) => {
  const s = steps[steps.length - 1]!;
  return { kind: s.kind, action: s.action, policy: s.kind === 'rule' || s.kind === 'end-of-tier' ? policyDisplayName(s.policy) : null, rule: s.kind === 'rule' ? String(s.ruleIndex) : null };
};

test('100 namespaces / 2,000 workloads: renders collapsed, search, explanation on both sides, collapse and focus', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  const collapse = new CollapsePage(page);
  const inspector = new InspectorPage(page);
  await app.open();
  await page.evaluate((files) => window.netpolCanvas!.loadFiles(files), cluster.files);

  // Loads: the app's nodes are the engine's, 100 namespaces and over 2,000 workloads.
  const listed = await page.evaluate(() => window.netpolCanvas!.listNodes());
  expect(listed.map((n) => n.id).sort()).toEqual(ref.nodes.map((n) => n.id).sort());
  expect(listed.filter((n) => n.kind === 'namespace')).toHaveLength(100);
  expect(listed.filter((n) => n.kind === 'workload').length).toBeGreaterThanOrEqual(2000);
  expect(ref.denyEdgesOmitted).toBe(true);

  // Renders collapsed: namespace nodes on screen, no workload drawn, the summary edges exact.
  await expect(graph.node('ns:kube-system')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id^="wl:"]')).toHaveCount(0);
  const drawn = async () => new Map((await page.evaluate(() => window.netpolCanvas!.listEdges())).map((e) => [e.id, e.verdict]));
  const collapsedView = expectedView(null);
  expect(collapsedView.size).toBeGreaterThan(100);
  expect(await drawn()).toEqual(collapsedView);
  const anyEdge = [...collapsedView.keys()][0]!;
  await expect(page.locator(`[data-edge="${anyEdge}"]`).first()).toHaveAttribute('data-verdict', collapsedView.get(anyEdge)!);

  // A workload with an allowed edge to another workload of its namespace (both application pods).
  const edge = ref.edges.find((e) => {
    const a = byId.get(e.source)!;
    const b = byId.get(e.target)!;
    return a.kind === 'workload' && b.kind === 'workload' && a.namespace === b.namespace && a.namespace !== 'kube-system' && e.verdict !== 'deny';
  })!;
  const src = byId.get(edge.source)!;
  const ns = `ns:${src.namespace}`;

  // Search finds it (hidden in its collapsed namespace); opening the result expands the namespace and selects it.
  await graph.search(`${src.namespace}/${src.name}`);
  await expect(page.getByTestId(`search-result-${src.id}`)).toBeVisible();
  await page.getByTestId(`search-result-${src.id}`).click();
  await collapse.expectCollapsed(src.namespace!, false);
  await expect(graph.node(src.id)).toHaveClass(/selected/);
  expect(await drawn()).toEqual(expectedView(ns));

  // Focus on the selection: exactly the edges touching it, pairs inside its namespace and summaries to the others.
  await graph.setEdgeFilter('focus');
  const focused = new Map([...expectedView(ns)].filter(([id]) => id.startsWith(`${src.id}->`) || id.endsWith(`->${src.id}`)));
  expect(focused.size).toBeGreaterThan(0);
  expect(await drawn()).toEqual(focused);

  // Its edge explains itself on both sides, as the engine does.
  await app.clickVisibleEdge(edge.source, edge.target);
  await expect(inspector.edge).toBeVisible();
  await inspector.expectProbe('TCP/80');
  const flow = parseProbe('TCP/80');
  if ('error' in flow) throw new Error(flow.error);
  const why = explainConnection(reference, edge.source, edge.target, flow);
  if ('error' in why) throw new Error(why.error);
  for (const side of ['egress', 'ingress'] as const) {
    const steps = await inspector.steps(side);
    const last = steps[steps.length - 1]!;
    expect({ kind: last.kind, action: last.action, policy: last.policy, rule: last.rule }, side).toEqual(deciding(why[side].steps));
  }
  expect(why.egress.steps.some((s) => s.kind === 'rule') || why.ingress.steps.some((s) => s.kind === 'rule')).toBe(true);
  // The README picture, still focused on the workload: the search cleared, its edge selected, zoomed out around it.
  await graph.search('');
  await graph.zoomToSelectionButton().click();
  await page.waitForTimeout(500); // each zoom animates; a click during one would cut it short
  for (let i = 0; i < 2; i++) {
    await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(400);
  }
  await readmeScreenshot(page, 'screenshot-large.png');
  await graph.setEdgeFilter('all');

  // Collapsing its namespace folds the pairs back into summary edges; the namespace stands for the selection.
  await collapse.collapse(src.namespace!);
  expect(await drawn()).toEqual(collapsedView);
  await graph.setEdgeFilter('focus');
  expect(await drawn()).toEqual(new Map([...collapsedView].filter(([id]) => id.startsWith(`${ns}->`) || id.endsWith(`->${ns}`))));
});
