import { expect, type Locator, type Page } from '@playwright/test';

/** One rendered trace step, as its data attributes say. */
export interface RenderedStep {
  kind: string;
  action: string;
  policy: string | null;
  rule: string | null;
  text: string;
}

/** Page object over the edge inspector and what its links do to the editor and the graph. */
export class InspectorPage {
  readonly edge: Locator;
  readonly explanation: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.edge = page.getByTestId('edge-inspector');
    this.explanation = page.getByTestId('inspector-explanation');
    this.banner = page.getByTestId('policy-focus-banner');
  }

  side(direction: 'egress' | 'ingress'): Locator {
    return this.page.getByTestId(`trace-${direction}`);
  }

  async steps(direction: 'egress' | 'ingress'): Promise<RenderedStep[]> {
    return this.side(direction).getByTestId('trace-step').evaluateAll((els) => els.map((e) => ({
      kind: e.getAttribute('data-kind') ?? '', action: e.getAttribute('data-action') ?? '',
      policy: e.getAttribute('data-policy'), rule: e.getAttribute('data-rule'), text: e.getAttribute('data-text') ?? '',
    })));
  }

  /** Waits until the explanation shown is the one for `probe`. */
  async expectProbe(probe: string): Promise<void> {
    await expect(this.explanation).toHaveAttribute('data-probe', probe);
  }

  /** Clicks the n-th step's policy link (`trace-policy`) or rule link (`trace-rule`) of a side. */
  async openFromStep(direction: 'egress' | 'ingress', index: number, what: 'policy' | 'rule'): Promise<void> {
    await this.side(direction).getByTestId('trace-step').nth(index).getByTestId(`trace-${what}`).click();
  }

  portClasses(): Locator {
    return this.page.getByTestId('port-class');
  }

  /** The line Monaco shows the cursor on (its highlighted line number). */
  async editorCursorLine(): Promise<number> {
    const text = await this.page.locator('.monaco-editor .line-numbers.active-line-number').first().textContent();
    return Number(text);
  }

  /** Puts the editor's cursor at the start of a line with the keyboard, as a user would. */
  async putCursorOnLine(line: number): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+Home');
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
    await expect.poll(() => this.editorCursorLine()).toBe(line);
  }

  /** Ids of the graph nodes marked with a class (`npc-policy-selected`, `npc-rule-peer`), sorted. */
  async markedNodes(cls: 'npc-policy-selected' | 'npc-rule-peer'): Promise<string[]> {
    const ids = await this.page.locator(`.react-flow__node.${cls}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }
}
