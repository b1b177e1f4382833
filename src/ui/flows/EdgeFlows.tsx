import { useMemo } from 'react';
import type { EdgeHits, FlowImpact } from '../../engine';
import { endPlacer } from '../../state/flowBadges';
import { useAppStore } from '../../state/store';
import { selectVisibleGraph } from '../../state/visibleGraph';
import { flowName } from './hitText';

/**
 * The loaded flows over the selected edge (issue 7): how many, how many are denied today and
 * with the staged policies, and the flow keys the draft would break or newly allow; a key
 * clicked is explained in the inspector with the staged policies (why would it break?). Ends
 * are placed as the badges place them (state/flowBadges.ts): the numbers are the badge's.
 */
export function EdgeFlows({ source, target, staged, onExplain }: { source: string; target: string; staged: boolean; onExplain(probe: string): void }) {
  const report = useAppStore((s) => s.hitReport);
  const graph = useAppStore(selectVisibleGraph);
  const demoOnly = useAppStore((s) => s.flowsDemo);
  const view = useMemo(() => {
    if (!report || !graph) return null;
    const place = endPlacer(graph.nodes, graph.allNodes);
    const here = (a: EdgeHits['src'] | undefined, b: EdgeHits['src'] | undefined) => !!a && !!b && place(a) === source && place(b) === target;
    const edges = report.edges.filter((e) => here(e.src, e.dst));
    const sum = (pick: (e: EdgeHits) => { flows: number }) => edges.reduce((n, e) => n + pick(e).flows, 0);
    // The same key from several members (pods, addresses) of the drawn ends: summed.
    const keys = (list: readonly FlowImpact[], change: string) => {
      const byKey = new Map<string, number>();
      for (const f of list) if (here(f.srcEnd, f.dstEnd)) byKey.set(flowName(f), (byKey.get(flowName(f)) ?? 0) + f.tally.flows);
      return [...byKey].map(([key, flows]) => ({ key, flows, change }));
    };
    return {
      flows: sum((e) => e.total), denied: sum((e) => e.enforcedDenied), pendingDenied: sum((e) => e.pendingDenied),
      changes: [...keys(report.newlyDenied, 'would break'), ...keys(report.newlyAllowed, 'newly allowed')],
    };
  }, [report, graph, source, target]);
  if (!view) return null;
  // Only the demo's own log loaded, and none of it here: nothing to say (it is not the user's).
  if (view.flows === 0 && demoOnly) return null;
  if (view.flows === 0) return <p className="npc-policy-meta" data-testid="edge-flows" data-flows="0">No flow of the loaded logs went this way.</p>;
  return (
    <div className="npc-edge-flows" data-testid="edge-flows" data-flows={view.flows} data-denied={view.denied} data-pending-denied={view.pendingDenied}>
      <p>
        <strong>{view.flows} flow{view.flows === 1 ? '' : 's'}</strong> in the loaded logs · denied {view.denied}{staged ? ` today · ${view.pendingDenied} with the staged policies` : ''}
      </p>
      {view.changes.length > 0 ? (
        <ul>
          {view.changes.map(({ key, flows, change }) => (
            <li key={`${change}${key}`} data-testid="edge-flow-change" data-change={change}>
              <button type="button" className="npc-link" title="Explain it with the staged policies" onClick={() => onExplain(key)}>{key}</button>
              {`: ${flows} flow${flows === 1 ? '' : 's'} ${change}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
