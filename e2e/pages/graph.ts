import { expect, type Locator, type Page } from '@playwright/test';

export type EdgeFilterMode = 'all' | 'deny' | 'allow' | 'focus' | 'changed';

/** Page object over the graph canvas: search box, edge filter modes, rendered nodes and edges. */
export class GraphPage {
  readonly searchBox: Locator;
  readonly searchCount: Locator;
  readonly filterStatus: Locator;

  constructor(readonly page: Page) {
    this.searchBox = page.getByRole('searchbox', { name: /search nodes/i });
    this.searchCount = page.getByTestId('graph-search-count');
    this.filterStatus = page.getByTestId('edge-filter-status');
  }

  /** The React Flow node wrapper (carries `data-id`, design.md stable ids). */
  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  async search(query: string): Promise<void> {
    await this.searchBox.fill(query);
  }

  /** Ids of the nodes the search highlights. */
  async matchedNodeIds(): Promise<string[]> {
    const ids = await this.page.locator('.react-flow__node.npc-match').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  async dimmedNodeIds(): Promise<string[]> {
    const ids = await this.page.locator('.react-flow__node.npc-unmatched').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  async setEdgeFilter(mode: EdgeFilterMode): Promise<void> {
    await this.page.getByTestId(`edge-filter-${mode}`).check();
    await expect(this.filterStatus).toHaveAttribute('data-mode', mode);
  }

  /** `[edge id, verdict]` of every edge drawn, sorted by id. */
  async renderedEdges(): Promise<[string, string][]> {
    const edges = await this.page.locator('[data-edge]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-edge') ?? '', e.getAttribute('data-verdict') ?? ''] as [string, string]));
    return edges.sort((a, b) => a[0].localeCompare(b[0]));
  }

  /** Clicks a workload's name (selects it; a click on the group would hit the namespace). */
  async selectNode(id: string): Promise<void> {
    await this.node(id).locator('.npc-workload-name').click();
    await expect(this.node(id)).toHaveClass(/selected/);
  }

  /** Centres (screen pixels) of the selectable nodes: workloads, externals, not namespaces. */
  async nodeCentres(): Promise<{ id: string; x: number; y: number }[]> {
    return this.page.locator('.react-flow__node:not(.react-flow__node-namespace)').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id') ?? '', x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }));
  }

  /** Ids of the nodes drawn as selected. */
  async selectedNodeIds(): Promise<string[]> {
    return this.page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  }

  /** The toggle that shows a workload as its pods (`collapse` false) or folds them back (any pod's toggle). */
  podsToggle(workloadName: string, collapse = false): Locator {
    const name = collapse ? `collapse pods of ${workloadName}` : `expand ${workloadName} to pods`;
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Ids of the rendered React Flow nodes (namespaces included). */
  async nodeIds(): Promise<string[]> {
    const ids = await this.page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  /** Screen width of a node: grows when the view zooms in on it. */
  async nodeWidth(id: string): Promise<number> {
    return (await this.node(id).boundingBox())?.width ?? 0;
  }

  /** Which layout the graph shows: `elk` once the layout worker answered, `instant` before. */
  layoutSource(): Promise<string | null> {
    return this.page.locator('.react-flow').getAttribute('data-layout');
  }

  /**
   * A node's absolute position in flow coordinates (React Flow's transform on the node wrapper),
   * which pan and zoom never change: what a drag moves and a reload must restore.
   */
  async flowPosition(id: string): Promise<{ x: number; y: number }> {
    const transform = await this.node(id).evaluate((el) => (el as HTMLElement).style.transform);
    const m = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec(transform);
    if (!m) throw new Error(`no position on ${id}: ${transform}`);
    return { x: Number(m[1]), y: Number(m[2]) };
  }

  /** Drags a node by its title (screen pixels), in small steps as a hand would. */
  async drag(id: string, dx: number, dy: number): Promise<void> {
    // A namespace is grabbed by its title's name, past the collapse toggle (a button, not a handle).
    const handle = this.node(id).locator('.npc-workload-name, .npc-namespace-title .npc-kind').first();
    const box = (await handle.boundingBox())!;
    const x = box.x + Math.min(20, box.width / 2);
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 12 });
    await this.page.mouse.up();
  }

  /** The graph pane's screen box. */
  async paneBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    return (await this.page.locator('.react-flow').boundingBox())!;
  }

  /** Whether the node's whole box is on the graph pane. */
  async fullyOnPane(id: string): Promise<boolean> {
    const pane = await this.paneBox();
    const b = await this.node(id).boundingBox();
    return !!b && b.x >= pane.x - 0.5 && b.y >= pane.y - 0.5 && b.x + b.width <= pane.x + pane.width + 0.5 && b.y + b.height <= pane.y + pane.height + 0.5;
  }

  /** The graph's own controls under React Flow's zoom buttons. */
  zoomToSelectionButton(): Locator {
    return this.page.getByTestId('zoom-to-selection');
  }

  relayoutButton(): Locator {
    return this.page.getByTestId('relayout');
  }

  /** React Flow's zoom-in button (zooms about the pane's centre), up to `times` or the maximum zoom. */
  async zoomIn(times: number): Promise<void> {
    const button = this.page.locator('.react-flow__controls-zoomin');
    for (let i = 0; i < times && (await button.isEnabled()); i++) await button.click();
  }
}
