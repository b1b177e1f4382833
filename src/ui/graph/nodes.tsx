import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { NodeData } from '../../engine';
import type { NamespaceSummary } from '../../state/collapse';
import { useAppStore } from '../../state/store';

/**
 * What every graph node carries: the engine's node data (ids in data, details from the store);
 * a collapsed namespace also its summary (state/collapse.ts).
 */
export type GraphNodeData = { node: NodeData; collapsed?: NamespaceSummary } & Record<string, unknown>;
export type GraphNode = Node<GraphNodeData>;

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** The accessible name of a node (on React Flow's focusable wrapper): kind and name. */
export function nodeAriaLabel(n: NodeData): string {
  switch (n.kind) {
    case 'namespace': return `namespace ${n.name}`;
    case 'workload': return `${n.workloadKind ?? 'workload'} ${n.namespace}/${n.name}`;
    case 'pod': return `pod ${n.namespace}/${n.name}`;
    case 'hostendpoint': return `host endpoint ${n.name}`;
    case 'networkset': return `${n.namespace ? 'network set' : 'global network set'} ${n.name}`;
    default: return n.unknown ? `not in the workspace: ${n.name}` : n.id === 'ext:nodes' ? `cluster nodes ${n.name}` : n.id.startsWith('cidr:') ? `CIDR ${n.name}` : `external ${n.name}`;
  }
}

// Hidden handles: edges float between node borders, but React Flow needs a handle to attach to.
// The visible one on the right starts drag-to-connect (ClusterGraph onConnectEnd: dropped on a
// node, it asks for the rule between the two).
function Handles({ connectFrom }: { connectFrom?: string }) {
  return (
    <>
      <Handle type="target" position={Position.Top} className="npc-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="npc-handle" isConnectable={false} />
      {connectFrom ? (
        <Handle type="source" id="connect" position={Position.Right} className="npc-connect-handle" isConnectable
          data-testid={`connect-${connectFrom}`} title="Drag to another node to write a rule between them" />
      ) : null}
    </>
  );
}

function plural(k: number, word: string): string {
  return `${k} ${word}${k === 1 ? '' : 's'}`;
}

/** A namespace: a frame around its members, or (collapsed) a compact node with its counts and edges. */
export const NamespaceNode = memo(function NamespaceNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  const summary = data.collapsed;
  const toggle = useAppStore((s) => s.toggleNamespace);
  const others = summary ? summary.members - summary.workloads : 0;
  const intra = summary?.intra;
  return (
    <div className={`npc-namespace${summary ? ' is-collapsed' : ''}${selected ? ' is-selected' : ''}`} aria-label={`namespace ${n.name}`}
      data-collapsed={summary ? 'true' : 'false'} title={labelText(n.labels)}>
      {summary ? <Handles connectFrom={n.id} /> : null}
      <div className="npc-namespace-title">
        {/* nodrag/nopan: a click on the toggle is not a drag of the node or a pan of the canvas. */}
        <button type="button" className="npc-ns-toggle nodrag nopan" aria-expanded={!summary}
          aria-label={`${summary ? 'expand' : 'collapse'} namespace ${n.name}`} data-testid={`ns-toggle-${n.name}`}
          onClick={(e) => { e.stopPropagation(); toggle(n.id); }} onDoubleClick={(e) => e.stopPropagation()}>
          {summary ? '▸' : '▾'}
        </button>{' '}
        <span className="npc-kind">ns</span> {n.name}
      </div>
      {summary && intra ? (
        <div className="npc-namespace-summary" data-testid="namespace-summary" data-workloads={summary.workloads}
          data-intra-allow={intra.counts.allow} data-intra-partial={intra.counts.partial} data-intra-deny={intra.counts.deny}>
          <div>{plural(summary.workloads, 'workload')}{others > 0 ? `, ${others} other` : ''}</div>
          <div className="npc-namespace-intra" title="pairs between two members of this namespace (not drawn while collapsed)">
            inside: {intra.counts.allow} allowed · {intra.counts.partial} partial · {intra.counts.deny} denied
          </div>
        </div>
      ) : null}
    </div>
  );
});

/** `wl:<ns>/<Kind>/<name>` → `<name>` (design.md stable ids). */
function workloadName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** Shows a workload as its pods or as one node again (a button inside the node: no drag, no node click). */
function PodsToggle({ workload, name, expanded }: { workload: string; name: string; expanded: boolean }) {
  const setExpanded = useAppStore((s) => s.setWorkloadExpanded);
  return (
    <button
      type="button" className="npc-pods-toggle nodrag nopan" aria-expanded={expanded}
      aria-label={expanded ? `collapse pods of ${name}` : `expand ${name} to pods`}
      title={expanded ? `show ${name} as one workload again` : `show the pods of ${name}`}
      onClick={(e) => { e.stopPropagation(); setExpanded(workload, !expanded); }}
    >
      {expanded ? '−' : '+'}
    </button>
  );
}

export const WorkloadNode = memo(function WorkloadNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  const ports = (n.ports ?? []).map((p) => `${p.name} ${p.port}`).join(', ');
  // A template workload is one endpoint standing for all its replicas: nothing to expand (model/pod.ts).
  const template = n.template && n.replicas !== undefined ? `${n.replicas} identical replica${n.replicas === 1 ? '' : 's'} from one pod template` : '';
  const tooltip = [labelText(n.labels), n.serviceAccount ? `serviceaccount: ${n.serviceAccount}` : '', ports ? `ports: ${ports}` : '', template]
    .filter(Boolean).join('\n');
  return (
    <div className={`npc-workload${selected ? ' is-selected' : ''}${n.expandablePods !== undefined ? ' npc-has-toggle' : ''}`} aria-label={`${n.workloadKind} ${n.namespace}/${n.name}`} title={tooltip}>
      <Handles connectFrom={n.id} />
      {n.expandablePods !== undefined ? <PodsToggle workload={n.id} name={n.name} expanded={false} /> : null}
      <div className="npc-workload-name">{n.name}</div>
      <div className="npc-workload-meta">
        <span className="npc-kind">{n.workloadKind}{n.hostNetwork ? ' · host network' : ''}</span>
        {n.replicas !== undefined && n.workloadKind !== 'Pod' ? <span> ×{n.replicas}{n.template ? ' (template)' : ''}</span> : null}
        {ports ? <span className="npc-ports"> {ports}</span> : null}
      </div>
    </div>
  );
});

/** One pod of an expanded workload: name, IP, node; the toggle folds the workload back. */
export const PodNode = memo(function PodNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  const owner = n.workload ? workloadName(n.workload) : '';
  const ips = (n.podIPs ?? []).join(', ');
  const tooltip = [labelText(n.labels), n.serviceAccount ? `serviceaccount: ${n.serviceAccount}` : '', owner ? `${n.workloadKind ?? 'workload'} ${owner}` : '',
    n.template ? `pod template standing for ${n.replicas ?? 1} replicas` : ''].filter(Boolean).join('\n');
  return (
    <div className={`npc-workload npc-pod${selected ? ' is-selected' : ''}${n.workload ? ' npc-has-toggle' : ''}`} aria-label={`pod ${n.namespace}/${n.name}`} title={tooltip}>
      <Handles connectFrom={n.id} />
      {n.workload ? <PodsToggle workload={n.workload} name={owner} expanded /> : null}
      <div className="npc-workload-name">{n.name}</div>
      <div className="npc-workload-meta">
        <span className="npc-kind">pod{n.hostNetwork ? ' · host network' : ''}</span>
        <span data-testid="pod-ip"> {ips || 'no IP'}</span>
        {n.nodeName ? <span className="npc-ports"> on {n.nodeName}</span> : null}
      </div>
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  // `ext:nodes` (design.md stable ids) stands for the cluster's own node addresses.
  const hosts = n.id === 'ext:nodes';
  // `cidr:<cidr>` (design.md stable ids): the addresses of a CIDR some rule matches, less those of other nodes.
  const cidr = n.id.startsWith('cidr:');
  return (
    <div className={`npc-external${n.unknown ? ' is-unknown' : ''}${selected ? ' is-selected' : ''}`} aria-label={nodeAriaLabel(n)} {...(n.unknown ? { 'data-unknown': 'true' } : {})}
      title={n.unknown ? 'An end of the imported flows that the workspace does not have: its flows are drawn, no policy is evaluated for it'
        : hosts ? "The cluster's nodes (Node addresses, pods' host IPs): traffic from a pod's own node is always let in"
        : cidr ? `The addresses of ${n.name} that no pod, host endpoint, network set, cluster node or narrower CIDR takes` : 'Addresses outside the cluster'}>
      <Handles connectFrom={n.id} />
      <div className="npc-workload-name">
        <svg className="npc-globe" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <ellipse cx="8" cy="8" rx="2.8" ry="6.5" fill="none" stroke="currentColor" strokeWidth="1.1" />
          <line x1="1.5" y1="8" x2="14.5" y2="8" stroke="currentColor" strokeWidth="1.1" />
        </svg>{' '}
        {n.name}
      </div>
      <div className="npc-workload-meta"><span className="npc-kind">{n.unknown ? 'not in the workspace' : hosts ? 'hosts' : cidr ? 'CIDR' : 'external'}</span></div>
    </div>
  );
});

export const HostEndpointNode = memo(function HostEndpointNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  const ports = (n.ports ?? []).map((p) => `${p.name} ${p.port}`).join(', ');
  return (
    <div className={`npc-workload npc-hep${selected ? ' is-selected' : ''}`} aria-label={`host endpoint ${n.name}`} title={labelText(n.labels)}>
      <Handles connectFrom={n.id} />
      <div className="npc-workload-name">{n.name}</div>
      <div className="npc-workload-meta"><span className="npc-kind">host endpoint</span>{ports ? <span className="npc-ports"> {ports}</span> : null}</div>
    </div>
  );
});

export const NetworkSetNode = memo(function NetworkSetNode({ data, selected }: NodeProps<GraphNode>) {
  const n = data.node;
  return (
    <div className={`npc-external${selected ? ' is-selected' : ''}`} aria-label={`${n.namespace ? 'network set' : 'global network set'} ${n.name}`} title={labelText(n.labels)}>
      <Handles connectFrom={n.id} />
      <div className="npc-workload-name">{n.name}</div>
      <div className="npc-workload-meta"><span className="npc-kind">{n.namespace ? 'network set' : 'global network set'}</span></div>
    </div>
  );
});

/** Module-scope node types (design.md habit 9: never recreated per render). */
export const NODE_TYPES = {
  namespace: NamespaceNode, workload: WorkloadNode, pod: PodNode, external: ExternalNode, hostendpoint: HostEndpointNode, networkset: NetworkSetNode,
};
