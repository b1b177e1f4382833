import type { EdgeData } from '../../engine';
import { isSummaryEdge, namespacesOf, type CollapsedNode, type PairCounts, type SummaryEdge } from '../../state/collapse';
import { probeFlow } from '../../state/probe';
import { selectVisibleGraph } from '../../state/visibleGraph';
import { useAppStore } from '../../state/store';

/** Member pairs listed at most (the counts cover all of them). */
const MEMBERS_SHOWN = 100;

/** `ns:a` → `namespace a`, `wl:a/Pod/x` → `a/x`; other ids as they are. */
function endName(id: string): string {
  if (id.startsWith('ns:')) return `namespace ${id.slice(3)}`;
  const m = /^(?:wl|pod):([^/]+)\/(?:[^/]+\/)?(.+)$/.exec(id);
  return m ? `${m[1]}/${m[2]}` : id.replace(/^ext:/, '');
}

/** The graph as ClusterGraph draws it (the same memoised pipeline), for the selected summary or namespace. */
function useCollapsedView() {
  return useAppStore(selectVisibleGraph);
}

function Counts({ c, total, testId }: { c: PairCounts; total: number; testId: string }) {
  return (
    <span data-testid={testId} data-allow={c.allow} data-partial={c.partial} data-deny={c.deny} data-total={total}>
      {c.allow} allowed · {c.partial} partial · {c.deny} denied, of {total} {total === 1 ? 'pair' : 'pairs'}
    </span>
  );
}

function MemberList({ edge }: { edge: SummaryEdge }) {
  const nodes = useAppStore((s) => s.analysis?.nodes);
  const expand = useAppStore((s) => s.expandNamespaces);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const members = edge.summary.members;
  const omitted = edge.summary.total - members.length;
  // Choosing a member pair expands the namespaces of its ends and selects its own edge.
  const open = (e: EdgeData) => {
    expand(namespacesOf(nodes ?? [], [e.source, e.target]));
    selectEdge(e.id);
  };
  return (
    <>
      <ol className="npc-summary-members" aria-label="member pairs">
        {members.slice(0, MEMBERS_SHOWN).map((e) => (
          <li key={e.id} data-testid="summary-member" data-edge={e.id} data-verdict={e.verdict}>
            <span className={`npc-badge npc-badge-${e.verdict}`}>{e.verdict}</span>
            <button type="button" className="npc-link" title={`${e.connections}: expand and select this pair`} onClick={() => open(e)}>
              {endName(e.source)} → {endName(e.target)}
            </button>
            <span className="npc-policy-meta">{e.connections}</span>
          </li>
        ))}
      </ol>
      {members.length > MEMBERS_SHOWN ? <p className="npc-empty">and {members.length - MEMBERS_SHOWN} more pairs</p> : null}
      {omitted > 0 ? <p className="npc-empty">{omitted} pairs with nothing allowed are not listed (at this size they are not drawn).</p> : null}
    </>
  );
}

/** The selected summary edge: what its member pairs allow, counted, and the pairs themselves. */
export function SummaryInspector() {
  const id = useAppStore((s) => s.selectedEdge);
  const probe = useAppStore((s) => s.probe);
  const view = useCollapsedView();
  const found = view?.edges.find((e) => e.id === id);
  const edge = found && isSummaryEdge(found) ? found : null;
  if (!edge) return <p className="npc-empty" data-testid="summary-gone">This summary is no longer drawn (a namespace was expanded).</p>;
  const s = edge.summary;
  return (
    <section className="npc-inspector" data-testid="summary-inspector" aria-label="summary edge">
      <h2 title={edge.id}>{endName(edge.source)} → {endName(edge.target)}</h2>
      <p>
        <span className={`npc-badge npc-badge-${edge.verdict}`} data-testid="inspector-verdict">{edge.verdict}</span>{' '}
        <Counts c={s.counts} total={s.total} testId="summary-counts" />
        {probeFlow(probe) !== null ? ` for ${probe}` : ''}
      </p>
      {s.pendingCounts && edge.pendingVerdict ? (
        <p>
          With staged policies: <span className={`npc-badge npc-badge-${edge.pendingVerdict}`}>{edge.pendingVerdict}</span>{' '}
          <Counts c={s.pendingCounts} total={s.total} testId="summary-pending-counts" />; {s.changed} changed by the draft.
        </p>
      ) : null}
      <MemberList edge={edge} />
    </section>
  );
}

/** Above the node inspector of a collapsed namespace: its members and the pairs between them. */
export function CollapsedNamespacePanel() {
  const id = useAppStore((s) => s.selectedNode);
  const toggle = useAppStore((s) => s.toggleNamespace);
  const view = useCollapsedView();
  const ns: CollapsedNode | undefined = view?.nodes.find((n) => n.id === id);
  if (!ns?.collapsed) return null;
  const c = ns.collapsed;
  return (
    <section className="npc-inspector" data-testid="collapsed-namespace" aria-label="collapsed namespace">
      <p>
        Collapsed: {c.workloads} workload{c.workloads === 1 ? '' : 's'}{c.members > c.workloads ? ` and ${c.members - c.workloads} other nodes` : ''} inside.{' '}
        <button type="button" className="npc-link" onClick={() => toggle(ns.id)}>expand</button>
      </p>
      <p>Pairs inside: <Counts c={c.intra.counts} total={c.intra.total} testId="namespace-intra-counts" /></p>
    </section>
  );
}
