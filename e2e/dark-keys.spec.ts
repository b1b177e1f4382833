import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app';
import { GraphPage } from './pages/graph';
import { ThemePage } from './pages/theme';
import { nearestInDirection, type Direction } from '../src/state/keyboardNav';

const NGINX = 'wl:default/Pod/nginx';
const KEYS: Record<Direction, string> = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };

test('dark mode: auto follows the system, the toolbar choice wins and persists; graph and Monaco follow', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const app = new AppPage(page);
  const theme = new ThemePage(page);
  await app.open();
  await expect(theme.select).toHaveValue('auto');
  await theme.expectTheme('light');
  expect(await theme.pageBackground()).toBe('rgb(246, 247, 249)');
  await expect(theme.monaco()).not.toHaveClass(/vs-dark/);

  // auto: the system's preference, live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await theme.expectTheme('dark');
  expect(await theme.pageBackground()).toBe('rgb(20, 24, 31)');
  await expect(theme.monaco()).toHaveClass(/vs-dark/);
  await expect(page.locator('.react-flow')).toHaveClass(/\bdark\b/);

  // An explicit choice overrides the system and survives a reload.
  await theme.choose('light');
  await theme.expectTheme('light');
  await expect(theme.monaco()).not.toHaveClass(/vs-dark/);
  await theme.choose('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await theme.expectTheme('dark');
  await app.open();
  await expect(theme.select).toHaveValue('dark');
  await theme.expectTheme('dark');
  await expect(theme.monaco()).toHaveClass(/vs-dark/);
  // Edge strokes keep the colour-blind-safe palette in the dark theme.
  await expect(app.edge('wl:shams/Pod/busybox', NGINX)).toHaveAttribute('stroke', /^#(009E73|E69F00|D55E00)$/i);

  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('keyboard: arrows move the selection to the nearest node that way, Enter opens its inspector, Escape clears', async ({ page }) => {
  const app = new AppPage(page);
  const graph = new GraphPage(page);
  await app.open();
  await expect(graph.node(NGINX)).toBeVisible();
  await expect(graph.node(NGINX)).toHaveAttribute('aria-label', 'Pod default/nginx');

  await graph.selectNode(NGINX);
  await graph.node(NGINX).focus();
  // Every direction that has a node: the selection goes where the pure function says.
  const before = await graph.nodeCentres();
  let current = NGINX;
  let moves = 0;
  for (const dir of ['right', 'down', 'left', 'up', 'right', 'down'] as const) {
    const centres = await graph.nodeCentres();
    const expected = nearestInDirection(centres.find((c) => c.id === current)!, centres, dir);
    await page.keyboard.press(KEYS[dir]);
    if (expected === null) {
      expect(await graph.selectedNodeIds()).toEqual([current]);
      continue;
    }
    await expect(graph.node(expected)).toHaveClass(/selected/);
    await expect(graph.node(expected)).toBeFocused();
    expect(await graph.selectedNodeIds()).toEqual([expected]);
    current = expected;
    moves++;
  }
  expect(moves).toBeGreaterThanOrEqual(2);
  // Arrows select; they never drag a node (React Flow's own arrow handling is off).
  expect(await graph.nodeCentres()).toEqual(before);

  // Enter shows the inspector of the selection, even from another tab.
  await page.getByTestId('tab-walkthrough').click();
  await expect(page.getByTestId('node-inspector')).toBeHidden();
  await graph.node(current).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
  const name = (await graph.node(current).getAttribute('aria-label'))!.split(' ').pop()!;
  await expect(page.getByTestId('node-inspector').locator('h2')).toContainText(name);

  await page.keyboard.press('Escape');
  await expect(graph.node(current)).not.toHaveClass(/selected/);
  expect(await graph.selectedNodeIds()).toEqual([]);

  expect(app.consoleErrors).toEqual([]);
});
