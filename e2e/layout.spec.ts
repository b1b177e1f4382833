import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { nearestInDirection } from '../src/state/keyboardNav';

const INTERNET = 'ext:internet';
const SHAMS = 'ns:shams';
const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

/** `namespaces` namespaces of one Deployment each, every one default-deny (few edges to draw). */
function teams(namespaces: number): string {
  const docs: string[] = [];
  for (let i = 0; i < namespaces; i++) {
    const ns = `team-${i}`;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}`);
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]`);
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${ns}\n  labels: {app: web}\nspec:\n  containers: [{name: c, image: x}]`);
  }
  return docs.join('\n---\n') + '\n';
}

/** Waits until a node's flow position stops changing (a fitView or pan animation has ended). */
async function settled(page: Page, graph: GraphPage, id: string): Promise<{ x: number; y: number; width: number }> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const b = (await graph.node(id).boundingBox())!;
    const now = `${b.x.toFixed(1)},${b.y.toFixed(1)},${b.width.toFixed(1)}`;
    if (now === last) return b;
    last = now;
    await page.waitForTimeout(100);
  }
  throw new Error(`${id} kept moving`);
}

test('layout: ELK in the worker places the graph; a dragged position survives a reload; Re-layout restores the layout', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  // The production build runs the layout worker under its CSP, and nothing leaves the page.
  expect(await graph.layoutSource()).toBe('elk');
  const internetLaid = await graph.flowPosition(INTERNET);
  const shamsLaid = await graph.flowPosition(SHAMS);
  const busyboxLaid = await graph.flowPosition(BUSYBOX);

  // A policy edit keeps the node set, so nothing moves.
  await page.getByTestId('tab-walkthrough').click();
  await page.evaluate(async () => {
    const api = window.netpolCanvas!;
    await api.loadYaml(api.getYaml('policies.yaml').replace(/\n*$/, '\n') + '# edited\n', 'policies.yaml');
  });
  expect(await graph.flowPosition(INTERNET)).toEqual(internetLaid);

  // Drag the internet node, and a namespace (its members move with it: positions are relative).
  await graph.drag(INTERNET, -90, 60);
  await graph.drag(SHAMS, 70, 50);
  const internetDragged = await graph.flowPosition(INTERNET);
  const shamsDragged = await graph.flowPosition(SHAMS);
  expect(internetDragged).not.toEqual(internetLaid);
  expect(shamsDragged).not.toEqual(shamsLaid);
  const busyboxDragged = await graph.flowPosition(BUSYBOX);
  expect(busyboxDragged.x - shamsDragged.x).toBeCloseTo(busyboxLaid.x - shamsLaid.x, 0);
  expect(busyboxDragged.y - shamsDragged.y).toBeCloseTo(busyboxLaid.y - shamsLaid.y, 0);

  await app.open(); // reload
  expect(await graph.layoutSource()).toBe('elk');
  expect(await graph.flowPosition(INTERNET)).toEqual(internetDragged);
  expect(await graph.flowPosition(SHAMS)).toEqual(shamsDragged);
  expect(await graph.flowPosition(BUSYBOX)).toEqual(busyboxDragged);

  await graph.relayoutButton().click();
  await expect.poll(() => graph.flowPosition(INTERNET)).toEqual(internetLaid);
  expect(await graph.flowPosition(SHAMS)).toEqual(shamsLaid);
  expect(await graph.flowPosition(BUSYBOX)).toEqual(busyboxLaid);
  await app.open(); // and the layout position is what a reload shows now
  expect(await graph.flowPosition(INTERNET)).toEqual(internetLaid);

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('zoom to selection centres the selected node, or both ends of the selected edge; arrows pan to an off-screen node', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await expect(graph.zoomToSelectionButton()).toBeDisabled();

  await graph.selectNode(NGINX);
  const before = await settled(page, graph, NGINX);
  await graph.zoomToSelectionButton().click();
  const after = await settled(page, graph, NGINX);
  expect(after.width).toBeGreaterThan(before.width * 1.2);
  const pane = await graph.paneBox();
  const b = (await graph.node(NGINX).boundingBox())!;
  expect(Math.abs(b.x + b.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(3);
  expect(Math.abs(b.y + b.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(3);

  // Zoomed in far, the neighbours are off screen; an arrow selects one and the view pans to it.
  await graph.zoomIn(4);
  await settled(page, graph, NGINX);
  await graph.node(NGINX).focus();
  const centres = await graph.nodeCentres();
  const dirs = ['right', 'left', 'down', 'up'] as const;
  const keys = { right: 'ArrowRight', left: 'ArrowLeft', down: 'ArrowDown', up: 'ArrowUp' } as const;
  let moved = false;
  for (const dir of dirs) {
    const next = nearestInDirection(centres.find((c) => c.id === NGINX)!, centres, dir);
    if (!next || (await graph.fullyOnPane(next))) continue;
    await page.keyboard.press(keys[dir]);
    await expect(graph.node(next)).toHaveClass(/selected/);
    await settled(page, graph, next);
    expect(await graph.fullyOnPane(next)).toBe(true);
    moved = true;
    break;
  }
  expect(moved, 'some neighbour of nginx was off screen').toBe(true);

  // An edge: both of its ends end up on screen.
  await page.locator('.react-flow__controls-fitview').click();
  await settled(page, graph, NGINX);
  await app.clickEdge(BUSYBOX, NGINX);
  await expect(graph.zoomToSelectionButton()).toBeEnabled();
  await graph.zoomIn(5);
  await settled(page, graph, NGINX);
  expect((await graph.fullyOnPane(BUSYBOX)) && (await graph.fullyOnPane(NGINX))).toBe(false);
  await graph.zoomToSelectionButton().click();
  await settled(page, graph, BUSYBOX);
  expect(await graph.fullyOnPane(BUSYBOX)).toBe(true);
  expect(await graph.fullyOnPane(NGINX)).toBe(true);

  expect(app.consoleErrors).toEqual([]);
});

test('a new node set: packed by ELK (the internet at the left of the namespaces), members inside, the view frames all of it', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text).then(() => undefined), teams(10));
  await expect(graph.node('wl:team-9/Pod/web')).toBeVisible();
  expect(await graph.layoutSource()).toBe('elk');
  const ids = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  expect(ids).toHaveLength(21);
  const internet = (await graph.node(INTERNET).boundingBox())!;
  for (const id of ids) {
    expect(await graph.fullyOnPane(id), `${id} on screen`).toBe(true);
    if (!id.startsWith('ns:')) continue;
    const ns = (await graph.node(id).boundingBox())!;
    expect(internet.x + internet.width, `internet left of ${id}`).toBeLessThan(ns.x);
    const member = (await graph.node(`wl:${id.slice(3)}/Pod/web`).boundingBox())!;
    expect(member.x).toBeGreaterThanOrEqual(ns.x);
    expect(member.y).toBeGreaterThan(ns.y);
    expect(member.x + member.width).toBeLessThanOrEqual(ns.x + ns.width + 0.5);
    expect(member.y + member.height).toBeLessThanOrEqual(ns.y + ns.height + 0.5);
  }
  expect(app.consoleErrors).toEqual([]);
});

test('without the layout worker (its script fails to load) the instant layout stays and the app works', async ({ page }) => {
  await page.route(/layout\.worker-[^/]*\.js$/, (route) => route.abort());
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  expect(await graph.layoutSource()).toBe('instant');
  await app.expectVerdict(BUSYBOX, NGINX, 'allow');
  // Dragging and Re-layout still work over the instant layout.
  const laid = await graph.flowPosition(INTERNET);
  await graph.drag(INTERNET, 80, 40);
  expect(await graph.flowPosition(INTERNET)).not.toEqual(laid);
  await graph.relayoutButton().click();
  await expect.poll(() => graph.flowPosition(INTERNET)).toEqual(laid);
});
