import { useMemo } from 'react';
import type { EdgeHits, FlowImpact } from '../../engine';
import { useAppStore } from '../../state/store';
import { flowName } from './hitText';

/** The hit edges a drawn edge stands for: its ends as a pod, or as the node holding the pod. */
const endIs = (end: EdgeHits['src'], id: string) => (end.pod ?? end.node) === id || end.node === id;

/**
 * The loaded flows over the selected edge (issue 7): how many, how many are denied today and
 * with the staged policies, and the flow keys the draft would break or newly allow; a key
 * clicked is explained in the inspector with the staged policies (why would it break?).
 */
export function EdgeFlows({ source, target, onExplain }: { source: string; target: string; onExplain(probe: string): void }) {
  const report = useAppStore((s) => s.hitReport);
  const view = useMemo(() => {
    if (!report) return null;
    const edges = report.edges.filter((e) => endIs(e.src, source) && endIs(e.dst, target));
    const sum = (pick: (e: EdgeHits) => { flows: number }) => edges.reduce((n, e) => n + pick(e).flows, 0);
    const keys = (list: readonly FlowImpact[], change: string) => list.filter((f) => f.src === source && f.dst === target).map((f) => ({ f, change }));
    return {
      flows: sum((e) => e.total), denied: sum((e) => e.enforcedDenied), pendingDenied: sum((e) => e.pendingDenied),
      changes: [...keys(report.newlyDenied, 'would break'), ...keys(report.newlyAllowed, 'newly allowed')],
    };
  }, [report, source, target]);
  if (!view) return null;
  if (view.flows === 0) return <p className="npc-policy-meta" data-testid="edge-flows" data-flows="0">No flow of the loaded logs went this way.</p>;
  return (
    <div className="npc-edge-flows" data-testid="edge-flows" data-flows={view.flows} data-denied={view.denied} data-pending-denied={view.pendingDenied}>
      <p>
        <strong>{view.flows} flow{view.flows === 1 ? '' : 's'}</strong> in the loaded logs · denied today {view.denied} · with the staged policies {view.pendingDenied}
      </p>
      {view.changes.length > 0 ? (
        <ul>
          {view.changes.map(({ f, change }) => (
            <li key={`${change}${flowName(f)}`} data-testid="edge-flow-change" data-change={change}>
              <button type="button" className="npc-link" title="Explain it with the staged policies" onClick={() => onExplain(flowName(f))}>{flowName(f)}</button>
              {`: ${f.tally.flows} flow${f.tally.flows === 1 ? '' : 's'} ${change}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
