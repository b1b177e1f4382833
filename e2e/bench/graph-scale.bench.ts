/**
 * `npm run bench:ui`: browser figures for issue 4, in Debian chromium against the production
 * build. Prints, never asserts on speed (targets: pan/zoom frame p95 <= 20 ms, keystroke to
 * recolour p95 <= 100 ms at 1,000 pods):
 * - the graph-scale cluster (fixtures/generate.ts UI_SCALE: 100 namespaces, ~2,000 workloads):
 *   time from handing the files to the app to the first paint of its graph, and from a reload
 *   (the workspace autosaved) to that paint; frame times while panning and zooming;
 * - the 1,000-pod cluster (PRESETS.L): latency from a keystroke in a policy to the graph
 *   showing the re-evaluated result (keydown -> engine -> store -> React commit -> paint).
 */
import { test, type Page } from '@playwright/test';
import type {} from '../../src/app/api';
import { generateCluster, PRESETS, UI_SCALE, type GeneratedCluster } from '../../fixtures/generate';
import { panAndZoom, percentiles, shownRevision } from './measure';

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const line = (s: string) => console.log(`bench:ui ${s}`);
const frames = (label: string, xs: number[]) => {
  const p = percentiles(xs);
  line(`${label}: ${p.n} frames, p50 ${fmt(p.p50)}, p95 ${fmt(p.p95)} (target <= 20 ms: ${p.p95 <= 20 ? 'PASS' : 'MISS'}), max ${fmt(p.max)}`);
};

/**
 * Milliseconds from now until a node matching `selector` is in the DOM and the frame after it
 * has painted. `selector` must match any of the cluster's namespaces: the graph only renders
 * what is in the viewport, so one particular namespace may never be drawn.
 */
async function loadAndPaint(page: Page, cluster: GeneratedCluster, selector: string): Promise<number> {
  return page.evaluate(async ({ files, selector }) => {
    const t0 = performance.now();
    await window.netpolCanvas!.loadFiles(files);
    await new Promise<void>((resolve, reject) => {
      const look = () => (document.querySelector(selector) ? resolve() : performance.now() - t0 > 120_000 ? reject(new Error(`nothing matched ${selector} within 120 s`)) : requestAnimationFrame(look));
      look();
    });
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, { files: cluster.files, selector });
}

async function engineMillis(page: Page): Promise<string> {
  const text = (await page.getByTestId('status').textContent().catch(() => '')) ?? '';
  return /evaluated in ([\d.]+ ms)/.exec(text)?.[1] ?? '?';
}

test('demo workspace: pan and zoom (what this browser does on a small graph)', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  await page.waitForTimeout(500);
  line(`demo: drawn ${await page.locator('.react-flow__node').count()} nodes, ${await page.locator('[data-edge]').count()} edges`);
  const demo = await panAndZoom(page);
  frames('pan, demo workspace', demo.pan);
  frames('zoom, demo workspace', demo.zoom);
});

test('graph-scale cluster: first paint, reload, pan and zoom', async ({ page }) => {
  const cluster = generateCluster(UI_SCALE);
  // Any of the generated namespaces (none is in the demo workspace the page starts with).
  const namespaces = [...new Set(cluster.files.filter((f) => f.path.startsWith('cluster/') && f.path !== 'cluster/namespaces.yaml').map((f) => f.path.replace(/^cluster\/|\.yaml$/g, '')))];
  const probe = namespaces.map((ns) => `.react-flow__node[data-id="ns:${ns}"]`).join(', ');
  await page.goto('/');
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  const nodes = () => page.evaluate(() => window.netpolCanvas!.listNodes());
  const ms = await loadAndPaint(page, cluster, probe);
  const list = await nodes();
  line(`cluster: ${list.filter((n) => n.kind === 'namespace').length} namespaces, ${list.filter((n) => n.kind === 'workload').length} workloads, ${cluster.stats.podObjects + cluster.stats.templatePods} pods, ${cluster.files.length} files`);
  line(`first graph paint after loading the files: ${fmt(ms)} (engine ${await engineMillis(page)})`);
  line(`drawn: ${await page.locator('.react-flow__node').count()} nodes, ${await page.locator('[data-edge]').count()} edges`);

  // A reload reads the autosaved workspace (saved shortly after the change).
  await page.waitForTimeout(1500);
  await page.reload();
  const reload = await page.evaluate(async (selector) => {
    await new Promise<void>((resolve) => {
      const look = () => (document.querySelector(selector) ? resolve() : requestAnimationFrame(look));
      look();
    });
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now(); // since navigation start
  }, probe);
  line(`first graph paint after a reload (navigation start to paint): ${fmt(reload)}`);
  // Frames are measured on the settled page (final layout, autosave done), as a user pans it.
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  await page.waitForTimeout(1000);
  const moves = await panAndZoom(page);
  frames('pan, default view', moves.pan);
  frames('zoom, default view', moves.zoom);
  frames('pan and zoom together', [...moves.pan, ...moves.zoom]);
});

test('1,000 pods: keystroke to recolour', async ({ page }) => {
  const cluster = generateCluster(PRESETS.L);
  const [targetNs, targetName] = cluster.editTarget.split('/') as [string, string];
  const path = `policies/${targetNs}.yaml`;
  const file = cluster.files.find((f) => f.path === path)!;
  // The line of the edited policy's first numeric port (what editOnePolicy changes).
  const lines = file.text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `name: ${targetName}`);
  const portLine = lines.findIndex((l, i) => i > start && /^\s*(- )?port: \d+$/.test(l)) + 1;
  if (start < 0 || portLine <= 0) throw new Error(`no numeric port found in ${cluster.editTarget}`);
  await page.goto('/');
  await page.waitForFunction(() => window.netpolCanvas !== undefined);
  await page.evaluate(() => window.netpolCanvas!.ready);
  await page.evaluate(({ files, path }) => window.netpolCanvas!.loadFiles(files, path), { files: cluster.files, path });
  line(`1,000 pods: drawn ${await page.locator('.react-flow__node').count()} nodes, ${await page.locator('[data-edge]').count()} edges`);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(portLine));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');

  // keydown (capture, before Monaco) -> the graph's data-analysis-revision changes -> next paint.
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __t0: number | null };
    w.__lat = [];
    w.__t0 = null;
    document.addEventListener('keydown', () => { w.__t0 = performance.now(); }, true);
    const graph = document.querySelector('[data-testid="graph"]')!;
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (t0 === null) return;
      w.__t0 = null;
      requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
    }).observe(graph, { attributes: true, attributeFilter: ['data-analysis-revision'] });
  });
  const keys = 40;
  for (let i = 0; i < keys; i++) {
    const before = await shownRevision(page);
    await page.keyboard.press(i % 2 === 0 ? 'Backspace' : 'Digit0');
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="graph"]')!.getAttribute('data-analysis-revision')) > b, before);
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length >= n, i + 1);
    await page.waitForTimeout(120);
  }
  const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
  const p = percentiles(lat);
  line(`keystroke to recolour at ${PRESETS.L.pods} pods (${cluster.editTarget}, ${keys} keys): p50 ${fmt(p.p50)}, p95 ${fmt(p.p95)} (target <= 100 ms: ${p.p95 <= 100 ? 'PASS' : 'MISS'}), max ${fmt(p.max)} (engine ${await engineMillis(page)})`);
});
