import { useEffect, useMemo, useState } from 'react';
import type { ConnectionExplanation } from '../../engine';
import { explanationSides } from '../../state/explanation';
import { portClasses } from '../../state/portClasses';
import { useAppStore } from '../../state/store';
import { nodeName } from './format';
import { PortClassTable } from './PortClassTable';
import { SideTrace } from './TraceView';
import { EdgeFlows } from '../flows/EdgeFlows';

/** Asks the engine why a probe between two nodes is allowed or denied (`pending`: with staged policies enforced too). */
export type ExplainFn = (src: string, dst: string, probe: string, scope?: 'enforced' | 'pending') => Promise<ConnectionExplanation | { error: string }>;

const PROBES = ['TCP/80', 'TCP/443', 'UDP/53', 'TCP/53', 'ICMP'];

/** The selected edge: verdict, allowed connections per class, and the trace on both ends for a probe. */
export function EdgeInspector({ explain }: { explain: ExplainFn }) {
  const edgeId = useAppStore((s) => s.selectedEdge);
  // An edge of the analysis, or of a pod of an expanded workload (state/expansion.ts).
  const edge = useAppStore((s) => s.podExpansion?.result.edges.find((e) => e.id === s.selectedEdge) ?? s.analysis?.edges.find((e) => e.id === s.selectedEdge) ?? null);
  const revision = useAppStore((s) => s.analysisRevision);
  const graphProbe = useAppStore((s) => s.probe);
  const requestConnect = useAppStore((s) => s.requestConnect);
  const unknownEnds = useAppStore((s) => s.hitReport?.unknownEnds);
  const unknownLabels = useMemo(() => new Map((unknownEnds ?? []).map((u) => [u.id, u.label])), [unknownEnds]);
  // The graph's probe when one is on, so the trace explains the colour the user sees.
  const [probe, setProbe] = useState(() => (graphProbe !== 'any' ? graphProbe : 'TCP/80'));
  const [withStaged, setWithStaged] = useState(false);
  const [result, setResult] = useState<ConnectionExplanation | { error: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const staged = edge?.pendingVerdict !== undefined;
  const scope = withStaged && staged ? 'pending' : 'enforced';
  useEffect(() => {
    if (!edge) return;
    let live = true;
    void explain(edge.source, edge.target, probe, scope).then((r) => { if (live) setResult(r); });
    return () => { live = false; };
  }, [edge, probe, scope, explain, revision]);
  const classes = useMemo(() => (edge ? portClasses(edge) : []), [edge]);
  if (edgeId && !edge && edgeId.includes('unknown:')) {
    // Imported flows to or from an end the workspace lacks: counted, not evaluated.
    const [source, target] = edgeId.split('->') as [string, string];
    const missing = [source, target].filter((id) => id.startsWith('unknown:')).map((id) => unknownLabels.get(id) ?? id.slice('unknown:'.length));
    return (
      <section className="npc-inspector" data-testid="edge-inspector" aria-label="edge explanation">
        <h2 title={edgeId}>{unknownLabels.get(source) ?? nodeName(source)} → {unknownLabels.get(target) ?? nodeName(target)}</h2>
        <p data-testid="inspector-unevaluated">
          {`Not evaluated: ${missing.join(' and ')} ${missing.length > 1 || source === 'unknown:other' || target === 'unknown:other' ? 'are' : 'is'} not in the workspace. Add the manifests to see the verdict.`}
        </p>
        <EdgeFlows source={source} target={target} staged={false} onExplain={() => undefined} />
      </section>
    );
  }
  if (!edgeId || !edge) return <p className="npc-empty">Click an edge to see why it is allowed or denied.</p>;
  const sides = result && !('error' in result) ? explanationSides(result) : null;
  const copy = (lines: string[]) => {
    void navigator.clipboard?.writeText(lines.join('\n')).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <section className="npc-inspector" data-testid="edge-inspector" aria-label="edge explanation">
      <h2 title={edge.id}>{nodeName(edge.source)} → {nodeName(edge.target)}</h2>
      <p>
        <span className={`npc-badge npc-badge-${edge.verdict}`} data-testid="inspector-verdict">{edge.verdict}</span>{' '}
        <span data-testid="inspector-connections">{edge.connections}</span>
        {edge.mixed && edge.someConnections ? <span className="npc-policy-meta"> (some members: {edge.someConnections})</span> : null}
      </p>
      <PortClassTable classes={classes} probe={probe} onProbe={setProbe} />
      <EdgeFlows source={edge.source} target={edge.target} staged={staged} onExplain={(p) => { setProbe(p); setWithStaged(true); }} />
      <label>
        Probe{' '}
        <select value={probe} onChange={(e) => setProbe(e.target.value)} data-testid="inspector-probe">
          {(PROBES.includes(probe) ? PROBES : [probe, ...PROBES]).map((p) => <option key={p}>{p}</option>)}
        </select>
      </label>
      {staged ? (
        <label className="npc-policy-meta">
          {' '}<input type="checkbox" checked={withStaged} onChange={(e) => setWithStaged(e.target.checked)} data-testid="inspector-staged" /> with staged policies
        </label>
      ) : null}
      {result === null ? null : 'error' in result ? (
        <p className="npc-error">{result.error}</p>
      ) : (
        <div data-testid="inspector-explanation" data-probe={probe} data-scope={scope}>
          <p>
            <strong data-testid="inspector-probe-verdict" data-allowed={result.allowed}>{probe}: {result.allowed ? 'allowed' : 'denied'}</strong>{' '}
            {/* Fix from here: the rule form, with the probe, the side(s) that decide and, for a Deny, its tier. */}
            <button type="button" className="npc-button" data-testid={result.allowed ? 'deny-this' : 'allow-this'}
              title={result.allowed ? 'Write a Calico Deny rule that wins over what allows this' : 'Write the minimal rule(s) on the side(s) that deny this'}
              onClick={() => requestConnect({ source: edge.source, target: edge.target, action: result.allowed ? 'Deny' : 'Allow', probe })}>
              {result.allowed ? 'Deny this' : 'Allow this'}
            </button>
          </p>
          {sides ? (
            <div className="npc-sides">
              <SideTrace side={sides[0]} endpoint={nodeName(edge.source)} testId="trace-egress" />
              <SideTrace side={sides[1]} endpoint={nodeName(edge.target)} testId="trace-ingress" />
            </div>
          ) : null}
          <details className="npc-trace-text">
            <summary>Text trace</summary>
            <pre className="npc-trace" data-testid="inspector-trace-text">{result.text.join('\n')}</pre>
            <button type="button" className="npc-link" onClick={() => copy(result.text)}>{copied ? 'copied' : 'copy'}</button>
          </details>
        </div>
      )}
    </section>
  );
}
