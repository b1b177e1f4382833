import type { AppliedPolicy, NodeInspection } from '../../engine';
import { useMemo } from 'react';
import { useAppStore } from '../../state/store';
import { currentExpansion, withExpandedWorkloads } from '../../state/expansion';

const PROTOCOLS: Record<number, string> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

/** `KubernetesNetworkPolicy` → `K8s NetworkPolicy`: short enough for one line in the list. */
function kindLabel(kind: string): string {
  return kind.replace(/^(Staged)?KubernetesNetworkPolicy$/, '$1K8s NetworkPolicy');
}

function PolicyList({ title, testId, policies, endpoints }: { title: string; testId: string; policies: AppliedPolicy[]; endpoints: number }) {
  const reveal = useAppStore((s) => s.revealInEditor);
  return (
    <section aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      {policies.length === 0 ? <p className="npc-empty">none: no tier applies, its profiles decide</p> : (
        <ol className="npc-policy-list">
          {policies.map((p) => (
            <li key={`${p.kind}/${p.namespace ?? ''}/${p.name}`} data-testid="node-policy" data-policy={p.displayName} data-staged={p.staged}>
              <button type="button" className="npc-link" title={`open ${p.displayName} in the editor`} onClick={() => reveal(p.range.path, p.range.line, p.range.column)}>
                {p.tier} › {kindLabel(p.kind)} {p.namespace !== undefined ? `${p.namespace}/` : ''}{p.name}
              </button>
              <span className="npc-policy-meta">
                {' '}{p.order !== undefined ? `order ${p.order}` : 'no order'}
                {p.staged ? <span className="npc-badge npc-badge-staged">staged</span> : null}
                {endpoints > 1 ? ` · selects ${p.selects} of ${endpoints} pods` : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Facts({ n }: { n: NodeInspection }) {
  const labels = Object.entries(n.labels);
  return (
    <dl className="npc-facts">
      <dt>Labels</dt>
      <dd data-testid="node-labels">{labels.length === 0 ? 'none' : labels.map(([k, v]) => <code key={k} className="npc-label">{k}={v}</code>)}</dd>
      {n.type === 'workload' || n.type === 'hostendpoint' || n.type === 'pod' ? (
        <>
          <dt>Ports</dt>
          <dd data-testid="node-ports">{n.namedPorts.length === 0 ? 'no named ports' : n.namedPorts.map((p) => `${p.name} ${PROTOCOLS[p.protocol] ?? p.protocol}/${p.port}`).join(', ')}</dd>
        </>
      ) : null}
      {n.serviceAccount !== undefined ? (<><dt>Service account</dt><dd data-testid="node-sa">{n.serviceAccount}</dd></>) : null}
      {n.type === 'pod' ? (
        <>
          <dt>Pod IP</dt><dd data-testid="node-pod-ips">{n.podIPs && n.podIPs.length > 0 ? n.podIPs.join(', ') : 'not known'}</dd>
          <dt>Node</dt><dd data-testid="node-node-name">{n.nodeName ?? 'not known'}</dd>
          <dt>Workload</dt><dd data-testid="node-workload">{n.workloadKind} {n.workload?.slice(n.workload.lastIndexOf('/') + 1)}{n.template ? ` (pod template of ${n.replicas ?? 1} replicas)` : ''}</dd>
        </>
      ) : null}
      {n.replicas !== undefined && n.type !== 'pod' ? (<><dt>Pods</dt><dd>{n.replicas} replica{n.replicas === 1 ? '' : 's'}{n.endpoints > 1 ? `, ${n.endpoints} distinct pods` : ''}</dd></>) : null}
    </dl>
  );
}

/** The selected node: what it is, the policies that apply to it per direction, and how many peers it talks to. */
export function NodeInspector() {
  const nodeId = useAppStore((s) => s.selectedNode);
  const answer = useAppStore((s) => (s.nodeInspection?.node === s.selectedNode ? s.nodeInspection : null));
  const analysis = useAppStore((s) => s.analysis);
  const heldPods = useAppStore((s) => s.podExpansion);
  const expanded = useAppStore((s) => s.expandedWorkloads);
  // The edges the graph shows: pods of expanded workloads in place of their workload.
  const edges = useMemo(() => (analysis ? withExpandedWorkloads(analysis.nodes, analysis.edges, currentExpansion(heldPods, expanded)).edges : []),
    [analysis, heldPods, expanded]);
  if (!nodeId) return null;
  // Peers from the graph's edges: a deny edge (or an omitted one, SPEC-free) allows nothing.
  let reach = 0;
  let reachedFrom = 0;
  for (const e of edges) {
    if (e.verdict === 'deny') continue;
    if (e.source === nodeId) reach++;
    if (e.target === nodeId) reachedFrom++;
  }
  if (!answer) return <p className="npc-empty" data-testid="node-inspector-loading">Inspecting {nodeId}…</p>;
  const n = answer.result;
  if ('error' in n) return <p className="npc-error" data-testid="node-inspector-error">{n.error}</p>;
  const kind = n.type === 'pod' ? 'Pod' : n.type === 'workload' ? n.workloadKind ?? 'Workload' : n.type === 'hostendpoint' ? 'HostEndpoint' : n.type === 'networkset' ? 'NetworkSet' : n.type === 'namespace' ? 'Namespace' : n.id.startsWith('cidr:') ? 'CIDR' : 'External';
  const endpoint = n.type === 'workload' || n.type === 'hostendpoint' || n.type === 'pod';
  return (
    <section className="npc-inspector" data-testid="node-inspector" aria-label="node details">
      <h2 title={n.id}>
        <span className="npc-kind">{kind}</span> {n.namespace !== undefined ? `${n.namespace}/` : ''}{n.name}
      </h2>
      <Facts n={n} />
      {n.hostNetwork ? <p className="npc-empty">Host-networked: no policy applies to its pods.</p> : null}
      {endpoint ? (
        <>
          <PolicyList title="Ingress policies" testId="node-ingress" policies={n.ingress} endpoints={n.endpoints} />
          <PolicyList title="Egress policies" testId="node-egress" policies={n.egress} endpoints={n.endpoints} />
        </>
      ) : n.type !== 'namespace' ? <p className="npc-empty">Addresses, not an endpoint: policies never select it, rules match it as a peer.</p> : null}
      {n.type !== 'namespace' ? (
        <p data-testid="node-peers">
          May reach <strong data-testid="node-reach">{reach}</strong> peer{reach === 1 ? '' : 's'}; may be reached from{' '}
          <strong data-testid="node-reached-from">{reachedFrom}</strong>.
        </p>
      ) : null}
    </section>
  );
}
