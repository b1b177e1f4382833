import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { STEP_POLICIES } from './walkthrough-files';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';

// client may send UDP/53 to dns, and TCP/80 to the internet outside 10.0.0.0/8 only (so the
// client -> internet edge is mixed: some of its addresses allow TCP/80, the rest nothing).
const SMALL = readFileSync(new URL('./probe-small.yaml', import.meta.url), 'utf8');
const CLIENT = 'wl:a/Pod/client';
const SDNS = 'wl:a/Pod/dns';
const WEB = 'wl:a/Pod/web';

/** Chooses a probe in the legend's picker and waits for the legend to say so. */
async function chooseProbe(page: Page, kind: 'any' | 'TCP' | 'UDP' | 'ICMP', port?: number): Promise<void> {
  await page.getByTestId('probe-kind').selectOption(kind);
  if (port !== undefined) await page.getByTestId('probe-port').fill(String(port));
  const probe = kind === 'TCP' || kind === 'UDP' ? `${kind}/${port ?? 80}` : kind;
  await expect(page.getByTestId('probe-status')).toHaveAttribute('data-probe', probe);
  await expect(page.getByTestId('probe-status')).toHaveText(kind === 'any' ? 'coloured by any traffic' : `coloured by ${probe}`);
}

/** Every listed edge's data-verdict is `want`, and is what the scripting API answers for the probe. */
async function expectProbe(app: AppPage, probe: string, want: Record<string, 'allow' | 'partial' | 'deny'>): Promise<void> {
  for (const [id, verdict] of Object.entries(want)) {
    const [src, dst] = id.split('->') as [string, string];
    await app.expectVerdict(src, dst, verdict);
    const api = await app.page.evaluate(([s, d, p]) => window.netpolCanvas!.verdict(s!, d!, p), [src, dst, probe]);
    expect(api, `${id} ${probe}`).toMatchObject({ verdict });
  }
}

test('probe picker on the demo at walkthrough step 2: busybox egress open, nginx ingress closed', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text, 'policies.yaml'), STEP_POLICIES[2]!);
  await chooseProbe(page, 'UDP', 53);
  await expectProbe(app, 'UDP/53', { [`${BUSYBOX}->${DNS}`]: 'allow', [`${BUSYBOX}->${NET}`]: 'allow', [`${BUSYBOX}->${NGINX}`]: 'deny', [`${NGINX}->${BUSYBOX}`]: 'deny' });
  await chooseProbe(page, 'TCP', 80);
  await expectProbe(app, 'TCP/80', { [`${BUSYBOX}->${DNS}`]: 'allow', [`${BUSYBOX}->${NGINX}`]: 'deny', [`${NET}->${DNS}`]: 'allow' });
  await chooseProbe(page, 'any');
  await expect(page.getByTestId('probe-port')).toBeDisabled();
});

test('probe picker recolours by the probe: allow, partial on a mixed edge, deny; filters follow it', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await page.evaluate((text) => window.netpolCanvas!.loadYaml(text), SMALL);
  // any traffic: the edges' own verdicts.
  await app.expectVerdict(CLIENT, SDNS, 'partial');
  await app.expectVerdict(CLIENT, NET, 'partial');
  await app.expectVerdict(CLIENT, WEB, 'deny');

  await chooseProbe(page, 'UDP', 53);
  await expectProbe(app, 'UDP/53', { [`${CLIENT}->${SDNS}`]: 'allow', [`${CLIENT}->${NET}`]: 'deny', [`${CLIENT}->${WEB}`]: 'deny', [`${SDNS}->${WEB}`]: 'allow' });
  await expect(page.locator(`.npc-edge-g[data-id="${CLIENT}->${SDNS}"]`)).toHaveAttribute('aria-label', /: allowed for UDP\/53,/);

  await chooseProbe(page, 'TCP', 80);
  await expectProbe(app, 'TCP/80', { [`${CLIENT}->${SDNS}`]: 'deny', [`${CLIENT}->${NET}`]: 'partial', [`${CLIENT}->${WEB}`]: 'deny', [`${WEB}->${NET}`]: 'allow' });
  // "denied only" keeps the edges the probe denies (client -> dns is partial without a probe).
  await graph.setEdgeFilter('deny');
  expect((await graph.renderedEdges()).map(([id]) => id)).toEqual([`${CLIENT}->${SDNS}`, `${CLIENT}->${WEB}`].sort());
  await graph.setEdgeFilter('all');

  await chooseProbe(page, 'ICMP');
  await expectProbe(app, 'ICMP', { [`${CLIENT}->${SDNS}`]: 'deny', [`${CLIENT}->${NET}`]: 'deny', [`${SDNS}->${WEB}`]: 'allow' });

  await chooseProbe(page, 'any');
  await app.expectVerdict(CLIENT, SDNS, 'partial');
  expect(app.consoleErrors).toEqual([]);
});
