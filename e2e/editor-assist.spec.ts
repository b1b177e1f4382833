/**
 * Issue 5, item 4: completion inside selectors and label maps offers what the workspace holds
 * (the demo's pod labels `run=busybox`, `run=nginx`, `k8s-app=kube-dns`), and a hover on a
 * selector says how many endpoints it matches and which.
 */
import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';

const POLICY = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: assist, namespace: default}
spec:
  selector: 
  types: [Ingress]
`;

test('typing a selector offers the workspace\'s label keys, then the key\'s values; hovering it says what it matches', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openFile('policies.yaml');
  await app.replaceEditorText(POLICY);
  await expect.poll(() => app.fileText('policies.yaml')).toContain('name: assist');
  // The cursor at the end of `  selector: ` (line 5), then typing a key's first letters.
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await app.typeInEditor('ru');
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest).toBeVisible();
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('run');
  await page.keyboard.press('Tab'); // accept (Enter never accepts: it ends the line)
  await app.typeInEditor(' == "');
  await expect(suggest).toBeVisible();
  const rows = suggest.locator('.monaco-list-row');
  await expect(rows.filter({ hasText: 'busybox' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'nginx' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'kube-dns' })).toHaveCount(0); // a k8s-app value, not a run value
  await page.keyboard.type('ngi');
  await page.keyboard.press('Tab');
  await expect.poll(() => app.fileText('policies.yaml')).toContain('selector: run == "nginx');
  await page.keyboard.press('Escape');

  // Hovering the selector says what it matches, as the engine does.
  const selectorLine = page.locator('.monaco-editor .view-line').filter({ hasText: 'selector: run == "nginx"' });
  const hover = page.locator('.monaco-hover').filter({ hasText: 'selector matches' });
  await expect(async () => {
    await page.mouse.move(5, 5);
    const box = (await selectorLine.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await expect(hover).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await expect(hover).toContainText('NetworkPolicy default/assist');
  await expect(hover).toContainText('selector matches 1 endpoint in 1 workload: default/nginx');
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('Monaco is asked for only after the graph is painted', async ({ page }) => {
  // When the first node is on the page, recorded by the page itself.
  await page.addInitScript(() => {
    const w = window as unknown as { __graphAt?: number };
    new MutationObserver((_, obs) => {
      if (document.querySelector('.react-flow__node')) {
        w.__graphAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const app = new AppPage(page);
  await app.open();
  const t = await page.evaluate(() => ({
    graph: (window as unknown as { __graphAt?: number }).__graphAt ?? null,
    editor: performance.getEntriesByType('resource').find((e) => /\/PolicyEditor-[^/]*\.js$/.test(e.name))?.startTime ?? null,
  }));
  expect(t.graph).not.toBeNull();
  expect(t.editor).not.toBeNull();
  expect(t.editor!).toBeGreaterThan(t.graph!);
});
