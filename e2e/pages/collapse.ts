import { expect, type Locator, type Page } from '@playwright/test';
import type {} from '../../src/app/api';

export type Verdict = 'allow' | 'partial' | 'deny';

/** One ordered pair of graph nodes as the scripting API answers it. */
export interface ApiPair {
  source: string;
  target: string;
  verdict: Verdict;
  connections: string;
}

/** Page object over namespace collapse: the toggles on namespace nodes, collapse all / expand all. */
export class CollapsePage {
  constructor(readonly page: Page) {}

  toggle(ns: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="ns:${ns}"] .npc-ns-toggle`);
  }

  /**
   * Collapses a namespace with its toggle button (found by its accessible name), pressed from
   * the keyboard: an expanded namespace's frame lies under the edges, so an edge may cross the
   * button and take a mouse click.
   */
  async collapse(ns: string): Promise<void> {
    await this.page.getByRole('button', { name: `collapse namespace ${ns}`, exact: true }).press('Enter');
    await this.expectCollapsed(ns, true);
  }

  /** Expands a collapsed namespace with a click on its toggle (a collapsed namespace is drawn above the edges). */
  async expand(ns: string): Promise<void> {
    await this.page.getByRole('button', { name: `expand namespace ${ns}`, exact: true }).click();
    await this.expectCollapsed(ns, false);
  }

  /** Double-clicks a namespace's title (not its toggle): toggles it too. */
  async doubleClick(ns: string): Promise<void> {
    await this.page.locator(`.react-flow__node[data-id="ns:${ns}"] .npc-namespace-title .npc-kind`).dblclick();
  }

  async expectCollapsed(ns: string, collapsed: boolean): Promise<void> {
    await expect(this.toggle(ns)).toHaveAttribute('aria-expanded', collapsed ? 'false' : 'true');
    await expect(this.page.locator(`.react-flow__node[data-id="ns:${ns}"] .npc-namespace`)).toHaveAttribute('data-collapsed', String(collapsed));
  }

  async collapseAll(): Promise<void> {
    await this.page.getByTestId('collapse-all').click();
  }

  async expandAll(): Promise<void> {
    await this.page.getByTestId('expand-all').click();
  }

  /** Selects a collapsed namespace node (a click on its summary, not on the toggle). */
  async selectNamespace(ns: string): Promise<void> {
    await this.page.locator(`.react-flow__node[data-id="ns:${ns}"] [data-testid="namespace-summary"]`).click();
    await expect(this.page.locator(`.react-flow__node[data-id="ns:${ns}"]`)).toHaveClass(/selected/);
  }

  /** Every engine pair of the graph, for a probe when given (no self pairs, none between two address nodes), from window.netpolCanvas.verdict. */
  async apiPairs(probe?: string): Promise<ApiPair[]> {
    return this.page.evaluate(async (probe) => {
      const api = window.netpolCanvas!;
      const nodes = api.listNodes().filter((n) => n.kind !== 'namespace');
      const address = (k: string) => k === 'external' || k === 'networkset';
      const out: ApiPair[] = [];
      for (const s of nodes) {
        for (const t of nodes) {
          if (s.id === t.id || (address(s.kind) && address(t.kind))) continue;
          const v = await api.verdict(s.id, t.id, probe);
          if ('error' in v) throw new Error(v.error);
          out.push({ source: s.id, target: t.id, verdict: v.verdict, connections: v.connections });
        }
      }
      return out;
    }, probe);
  }

  /** Namespace of every graph node that has one (`wl:a/Pod/x` -> `a`), from the API. */
  async namespaces(): Promise<Map<string, string>> {
    const nodes = await this.page.evaluate(() => window.netpolCanvas!.listNodes());
    return new Map(nodes.filter((n) => n.kind !== 'namespace' && n.namespace !== undefined).map((n) => [n.id, n.namespace!]));
  }
}

/**
 * What the graph must draw with the `collapsed` namespaces folded, from the API's pair
 * verdicts: pairs between visible nodes as they are; the pairs of each ordered pair of visible
 * ends with an end in a collapsed namespace as one edge, allow iff all allow, deny iff all
 * deny; pairs inside one collapsed namespace not at all. Sorted `[id, verdict]`.
 */
export function foldPairs(pairs: readonly ApiPair[], namespaceOf: ReadonlyMap<string, string>, collapsed: readonly string[]): [string, string][] {
  const end = (id: string) => {
    const ns = namespaceOf.get(id);
    return ns !== undefined && collapsed.includes(ns) ? `ns:${ns}` : id;
  };
  const groups = new Map<string, Verdict[]>();
  for (const p of pairs) {
    const a = end(p.source);
    const b = end(p.target);
    if (a === b) continue;
    const id = `${a}->${b}`;
    groups.set(id, [...(groups.get(id) ?? []), p.verdict]);
  }
  const out: [string, string][] = [...groups].map(([id, vs]) => [id, vs.every((v) => v === 'allow') ? 'allow' : vs.every((v) => v === 'deny') ? 'deny' : 'partial']);
  return out.sort((x, y) => x[0].localeCompare(y[0]));
}
