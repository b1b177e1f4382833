import { expect, type Page } from '@playwright/test';
// The global `window.netpolCanvas` declaration lives with the API.
import type {} from '../../src/app/api';

/** Page object over the app: stable ids from design.md, user-level actions. */
export class AppPage {
  readonly outsideRequests: string[] = [];
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') this.outsideRequests.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(err.message));
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForFunction(() => window.netpolCanvas !== undefined);
    await this.page.evaluate(() => window.netpolCanvas!.ready);
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 20_000 });
  }

  edge(src: string, dst: string) {
    return this.page.locator(`[data-edge="${src}->${dst}"]`);
  }

  /** Waits until the edge carries the verdict (the worker answers asynchronously). */
  async expectVerdict(src: string, dst: string, verdict: 'allow' | 'partial' | 'deny'): Promise<void> {
    await expect(this.edge(src, dst), `${src} -> ${dst}`).toHaveAttribute('data-verdict', verdict);
  }

  /** Clicks an edge where its curve really is (the bounding box centre of a curve is off it). */
  async clickEdge(src: string, dst: string): Promise<void> {
    const point = await this.edge(src, dst).evaluate((el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await this.page.mouse.click(point.x, point.y);
  }

  /**
   * Clicks an edge at a point of its curve that is on screen and not covered (at scale an edge
   * runs far out of the viewport, and nodes lie over parts of it).
   */
  async clickVisibleEdge(src: string, dst: string): Promise<void> {
    const point = await this.edge(src, dst).first().evaluate((el) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      const total = path.getTotalLength();
      for (let k = 1; k < 40; k++) {
        const p = path.getPointAtLength((total * ((k * 17) % 40)) / 40);
        const x = p.x * m.a + p.y * m.c + m.e;
        const y = p.x * m.b + p.y * m.d + m.f;
        if (x < pane.left + 4 || x > pane.right - 4 || y < pane.top + 4 || y > pane.bottom - 4) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.closest('.npc-edge-g') === path.closest('.npc-edge-g')) return { x, y };
      }
      return null;
    });
    if (!point) throw new Error(`edge ${src}->${dst} has no visible, uncovered point`);
    await this.page.mouse.click(point.x, point.y);
  }

  async openFile(path: string): Promise<void> {
    await this.page.getByTestId(`file-tab-${path}`).click();
  }

  /**
   * Replaces the active file's text as a user would: select all, paste from the clipboard.
   * (Typed newlines get Monaco's auto-indent, so multi-line YAML is pasted, not typed.)
   */
  async replaceEditorText(text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  async typeInEditor(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  fileText(path: string): Promise<string> {
    return this.page.evaluate((p) => window.netpolCanvas!.getYaml(p), path);
  }

  problemsCount() {
    return this.page.getByTestId('problems-count');
  }
}
