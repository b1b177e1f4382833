import { useEffect, useState } from 'react';
import type { ConnectionExplanation } from '../../engine';
import { useAppStore } from '../../state/store';

/** Asks the engine why a probe between two nodes is allowed or denied. */
export type ExplainFn = (src: string, dst: string, probe: string) => Promise<ConnectionExplanation | { error: string }>;

const PROBES = ['TCP/80', 'TCP/443', 'UDP/53', 'TCP/53', 'ICMP'];

/** `wl:shams/Pod/busybox` → `shams/busybox`, `pod:a/web-1` → `a/web-1`; other ids as they are. */
function nodeName(id: string): string {
  const m = /^wl:([^/]+)\/[^/]+\/(.+)$/.exec(id);
  return m ? `${m[1]}/${m[2]}` : id.replace(/^(ext|pod):/, '');
}

/** The selected edge: verdict, allowed connections, and the trace on both ends for a probe. */
export function EdgeInspector({ explain }: { explain: ExplainFn }) {
  const edgeId = useAppStore((s) => s.selectedEdge);
  // An edge of the analysis, or of a pod of an expanded workload (state/expansion.ts).
  const edge = useAppStore((s) => s.podExpansion?.result.edges.find((e) => e.id === s.selectedEdge) ?? s.analysis?.edges.find((e) => e.id === s.selectedEdge) ?? null);
  const revision = useAppStore((s) => s.analysisRevision);
  const [probe, setProbe] = useState('TCP/80');
  const [result, setResult] = useState<ConnectionExplanation | { error: string } | null>(null);
  useEffect(() => {
    if (!edge) return;
    let live = true;
    void explain(edge.source, edge.target, probe).then((r) => { if (live) setResult(r); });
    return () => { live = false; };
  }, [edge, probe, explain, revision]);
  if (!edgeId || !edge) return <p className="npc-empty">Click an edge to see why it is allowed or denied.</p>;
  return (
    <section className="npc-inspector" data-testid="edge-inspector" aria-label="edge explanation">
      <h2 title={edge.id}>{nodeName(edge.source)} → {nodeName(edge.target)}</h2>
      <p>
        <span className={`npc-badge npc-badge-${edge.verdict}`} data-testid="inspector-verdict">{edge.verdict}</span>{' '}
        <span data-testid="inspector-connections">{edge.connections}</span>
      </p>
      <label>
        Probe{' '}
        <select value={probe} onChange={(e) => setProbe(e.target.value)} data-testid="inspector-probe">
          {PROBES.map((p) => <option key={p}>{p}</option>)}
        </select>
      </label>
      {result === null ? null : 'error' in result ? (
        <p className="npc-error">{result.error}</p>
      ) : (
        <div data-testid="inspector-explanation">
          <p><strong>{probe}: {result.allowed ? 'allowed' : 'denied'}</strong></p>
          <pre className="npc-trace">{result.text.join('\n')}</pre>
        </div>
      )}
    </section>
  );
}
