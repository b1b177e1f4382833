import { test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { generateCluster, PRESETS } from '../../fixtures/generate';
test('profile keystrokes', async ({ page }) => {
  const cluster = generateCluster(PRESETS.L);
  const [targetNs, targetName] = cluster.editTarget.split('/') as [string, string];
  const path = `policies/${targetNs}.yaml`;
  const file = cluster.files.find((f) => f.path === path)!;
  const lines = file.text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `name: ${targetName}`);
  const portLine = lines.findIndex((l, i) => i > start && /^\s*(- )?port: \d+$/.test(l)) + 1;
  await page.goto('/');
  await page.evaluate(() => window.netpolCanvas!.ready);
  await page.evaluate(({ files, path }) => window.netpolCanvas!.loadFiles(files, path), { files: cluster.files, path });
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(portLine));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'Backspace' : 'Digit0');
    await page.waitForTimeout(600);
  }
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/keys.cpuprofile', JSON.stringify(profile));
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const k = `${n.callFrame.functionName || '(anon)'}|${n.callFrame.url.split('/').pop()}|${n.callFrame.lineNumber}|${n.callFrame.columnNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45);
  writeFileSync('/tmp/keys-top.json', JSON.stringify(top));
});
