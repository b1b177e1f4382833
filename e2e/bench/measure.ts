import type { Page } from '@playwright/test';

/** Percentiles of a sample (nearest rank), in the sample's unit. */
export function percentiles(xs: readonly number[]): { n: number; p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

/** Starts recording requestAnimationFrame intervals in the page. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const tick = (t: number) => {
      if (!w.__framesOn) return;
      w.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  });
}

/** Stops recording and returns the frame intervals (ms). */
export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
}

/** A point of the graph pane with nothing drawn on it (a drag there pans instead of moving a node). */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let gy = 0.2; gy < 0.9; gy += 0.05) {
      for (let gx = 0.2; gx < 0.9; gx += 0.05) {
        const x = pane.x + pane.width * gx;
        const y = pane.y + pane.height * gy;
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!p) throw new Error('no empty point on the graph pane to drag from');
  return p;
}

/** Pans by dragging the pane, then zooms with the wheel; the frame intervals of each, recorded apart. */
export async function panAndZoom(page: Page): Promise<{ pan: number[]; zoom: number[] }> {
  const start = await emptyPanePoint(page);
  const pan: number[] = [];
  const zoom: number[] = [];
  for (let round = 0; round < 3; round++) {
    await startFrames(page);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 300, start.y + 120, { steps: 40 });
    await page.mouse.move(start.x, start.y, { steps: 40 });
    await page.mouse.up();
    pan.push(...(await stopFrames(page)));
    await startFrames(page);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(16);
    }
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(16);
    }
    zoom.push(...(await stopFrames(page)));
  }
  return { pan, zoom };
}

/** The analysis revision the graph shows (App's `data-analysis-revision`). */
export function shownRevision(page: Page): Promise<number> {
  return page.getByTestId('graph').evaluate((el) => Number(el.getAttribute('data-analysis-revision')));
}
