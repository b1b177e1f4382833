import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';
const NODES = [BUSYBOX, NGINX, DNS, NET];

test('search finds nginx by name and by label, counts matches and zooms to them', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  // The demo pods carry `run: <name>` (kubectl run), kube-dns `k8s-app: kube-dns`.
  const labels = await page.evaluate(() => Object.fromEntries(window.netpolCanvas!.listNodes().map((n) => [n.id, n.labels])));
  expect(labels[NGINX]).toMatchObject({ run: 'nginx' });
  expect(labels[BUSYBOX]).toMatchObject({ run: 'busybox' });

  await graph.search('nginx');
  await expect(graph.searchCount).toHaveText('1 match');
  expect(await graph.matchedNodeIds()).toEqual([NGINX]);
  expect(await graph.dimmedNodeIds()).toEqual(['ns:kube-system', 'ns:shams', BUSYBOX, DNS, NET].sort());

  await graph.search('run=nginx');
  await expect(graph.searchCount).toHaveText('1 match');
  expect(await graph.matchedNodeIds()).toEqual([NGINX]);

  await graph.search('run');
  await expect(graph.searchCount).toHaveText('2 matches');
  expect(await graph.matchedNodeIds()).toEqual([NGINX, BUSYBOX].sort());

  await graph.search('ns:shams');
  await expect(graph.searchCount).toHaveText('2 matches');
  expect(await graph.matchedNodeIds()).toEqual(['ns:shams', BUSYBOX].sort());

  await graph.search('run=nobody');
  await expect(graph.searchCount).toHaveText('0 matches');

  // Enter zooms to (fits the view on) the matches: the node grows on screen.
  await graph.search('run=nginx');
  const before = await graph.nodeWidth(NGINX);
  await graph.searchBox.press('Enter');
  await expect.poll(() => graph.nodeWidth(NGINX)).toBeGreaterThan(before * 1.2);

  // A result is reachable from the keyboard and opens (selects) its node.
  await graph.search('run=nginx');
  await graph.searchBox.press('ArrowDown');
  await expect(page.getByTestId(`search-result-${NGINX}`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(graph.node(NGINX)).toHaveClass(/selected/);

  // Escape clears the search: nothing highlighted or dimmed.
  await graph.searchBox.press('Escape');
  await expect(graph.searchBox).toHaveValue('');
  await expect(graph.searchCount).toHaveText('');
  expect(await graph.matchedNodeIds()).toEqual([]);
  expect(await graph.dimmedNodeIds()).toEqual([]);

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('edge filter modes: focus on busybox, denied only at walkthrough step 1, allowed only', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await expect(graph.filterStatus).toHaveText('showing: all edges');
  const all = await graph.renderedEdges();
  expect(all).toHaveLength(NODES.length * (NODES.length - 1));

  // Focus: nothing until a node is selected, then exactly busybox's edges, both directions.
  await graph.setEdgeFilter('focus');
  await expect(graph.filterStatus).toContainText('select a node');
  await expect(page.locator('[data-edge]')).toHaveCount(0);
  await graph.selectNode(BUSYBOX);
  await expect(graph.filterStatus).toContainText(`edges of ${BUSYBOX}`);
  const others = NODES.filter((n) => n !== BUSYBOX);
  const expected = others.flatMap((o) => [`${BUSYBOX}->${o}`, `${o}->${BUSYBOX}`]).sort();
  await expect.poll(async () => (await graph.renderedEdges()).map(([id]) => id)).toEqual(expected);
  // Inspecting one of its edges keeps the focus (and so the edges) in place.
  await app.clickEdge(BUSYBOX, NGINX);
  await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
  expect((await graph.renderedEdges()).map(([id]) => id)).toEqual(expected);

  // Walkthrough step 1 (default deny outside kube-system): denied only draws the deny edges.
  await page.getByTestId('tab-walkthrough').click();
  await page.getByTestId('walkthrough-step-1').click();
  await graph.setEdgeFilter('all');
  await app.expectVerdict(BUSYBOX, NGINX, 'deny');
  await app.expectVerdict(NET, DNS, 'allow');
  const step1 = await graph.renderedEdges();
  expect(step1).toHaveLength(all.length);
  await graph.setEdgeFilter('deny');
  await expect(graph.filterStatus).toHaveText('showing: denied only');
  const denied = step1.filter(([, v]) => v === 'deny');
  expect(denied.length).toBeGreaterThan(0);
  expect(denied.length).toBeLessThan(step1.length);
  await expect.poll(() => graph.renderedEdges()).toEqual(denied);

  // Allowed only: the complement (allow and partial), same ids and verdicts as in mode all.
  await graph.setEdgeFilter('allow');
  await expect.poll(() => graph.renderedEdges()).toEqual(step1.filter(([, v]) => v !== 'deny'));

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
