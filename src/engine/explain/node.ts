/**
 * The node inspector's answer: what a graph node is (labels, named ports, service account,
 * pods) and which policies apply to it in each direction, in evaluation order.
 */
import type { Session } from '../analysis';
import type { Endpoint } from '../model/endpoint';
import type { Direction, PolicyKind } from '../model/policy';
import type { SourceRange } from '../model/source';
import type { ClusterNode } from '../model/workspace';
import { applicableTiers, orderPolicies, type OrderedTier } from '../evaluate/order';
import { policyDisplayName } from './names';
import { findPod, podAddress, type PodRef } from '../model/pod';
import type { Workspace } from '../model/workspace';

/** One policy that selects (some endpoints of) a node for one direction. */
export interface AppliedPolicy {
  kind: PolicyKind;
  namespace?: string;
  name: string;
  tier: string;
  /** Absent when the policy has no order (SPEC §4.4: it sorts after every ordered one). */
  order?: number;
  /** A staged policy: shown for the pending verdict only, never enforced (SPEC §4.9). */
  staged: boolean;
  /** As Calico names it in traces (`default/default.allow-nginx`, `shams/knp.default.x`). */
  displayName: string;
  /** How many of the node's endpoints (distinct pods) the policy selects in this direction. */
  selects: number;
  /** Where the policy is written, to open it in the editor. */
  range: SourceRange;
}

/** A graph node's facts and the policies that apply to it (SPEC §4.3), as plain data. */
export interface NodeInspection {
  id: string;
  /** `pod`: one pod endpoint (`pod:<ns>/<name>`, model/pod.ts), the others as the graph node types. */
  type: ClusterNode['type'] | 'namespace' | 'pod';
  name: string;
  namespace?: string;
  workloadKind?: string;
  labels: Record<string, string>;
  serviceAccount?: string;
  namedPorts: { name: string; protocol: number; port: number }[];
  replicas?: number;
  /**
   * Endpoints policy is evaluated on: listed pods, or one pod template standing for every
   * replica (1), or a host endpoint (1). 0 for network sets and external addresses.
   */
  endpoints: number;
  /** True when every pod of the workload is host-networked: no policy applies (SPEC §4.8). */
  hostNetwork?: boolean;
  /** Pods: the workload node the pod belongs to, its addresses, its Kubernetes node when known. */
  workload?: string;
  podIPs?: string[];
  nodeName?: string;
  /** Pods: this endpoint is a workload manifest's pod template (it stands for `replicas` pods). */
  template?: boolean;
  /** Policies in evaluation order (tier, then order, then name: SPEC §4.4), staged ones included and marked. */
  ingress: AppliedPolicy[];
  egress: AppliedPolicy[];
}

function endpointsOf(n: ClusterNode): Endpoint[] {
  if (n.type === 'workload') return n.endpoints;
  if (n.type === 'hostendpoint') return [n.endpoint];
  return []; // SPEC §4.1: network sets and external addresses are never endpoints
}

/** Unique named ports of the endpoints, in first-seen order. */
function namedPortsOf(eps: readonly Endpoint[]): NodeInspection['namedPorts'] {
  const seen = new Map<string, NodeInspection['namedPorts'][number]>();
  for (const ep of eps) for (const p of ep.namedPorts) seen.set(`${p.name}/${p.protocol}/${p.port}`, { ...p });
  return [...seen.values()];
}

function appliedIn(ordered: readonly OrderedTier[], eps: readonly Endpoint[], dir: Direction): AppliedPolicy[] {
  // How many endpoints each policy selects; the list keeps the order of `ordered`.
  const counts = new Map<object, number>();
  for (const ep of eps) {
    // SPEC §4.8: a host-networked pod has no workload endpoint, so no policy selects it.
    if (ep.hostNetwork) continue;
    // 'pending' scope: staged policies listed too (marked), in their sorted place (SPEC §4.9).
    for (const { policies } of applicableTiers(ordered, ep, dir, 'pending')) {
      for (const p of policies) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
  }
  const out: AppliedPolicy[] = [];
  for (const { policies } of ordered) {
    for (const p of policies) {
      const selects = counts.get(p);
      if (!selects) continue;
      out.push({
          kind: p.id.kind, ...(p.id.namespace !== undefined ? { namespace: p.id.namespace } : {}), name: p.id.name, tier: p.id.tier,
          ...(Number.isFinite(p.order) ? { order: p.order } : {}), staged: p.staged, displayName: policyDisplayName(p.id), selects, range: { ...p.range },
      });
    }
  }
  return out;
}

/**
 * Inspects one graph node of a session (node ids as in {@link AnalysisResult.nodes}): its
 * labels, named ports, service account and pods, and per direction the policies that apply to
 * its endpoints (SPEC §4.3) in evaluation order (SPEC §4.4), staged ones marked, each with how
 * many of the node's endpoints it selects. A namespace (`ns:<name>`) answers its labels only;
 * a pod (`pod:<ns>/<name>`) is exactly one endpoint; unknown ids an error.
 */
export function inspectNode(session: Session, nodeId: string): NodeInspection | { error: string } {
  const ws = session.workspace;
  const ns = nodeId.startsWith('ns:') ? ws.namespaces.get(nodeId.slice(3)) : undefined;
  if (ns) {
    // A namespace group node: only its labels; policies select its pods, not it (SPEC §4.3).
    return { id: nodeId, type: 'namespace', name: ns.name, labels: { ...ns.labels }, namedPorts: [], endpoints: 0, ingress: [], egress: [] };
  }
  const pod = nodeId.startsWith('pod:') ? findPod(ws, nodeId) : undefined;
  if (pod) return inspectPod(ws, nodeId, pod);
  const n = ws.nodes.find((x) => x.id === nodeId);
  if (!n) return { error: `no node '${nodeId}' in the workspace` };
  const eps = endpointsOf(n);
  const ordered = orderPolicies(ws);
  const first = eps[0];
  const out: NodeInspection = {
    id: n.id, type: n.type, name: n.name,
    labels: n.type === 'external' ? {} : { ...n.labels },
    namedPorts: namedPortsOf(eps),
    endpoints: eps.length,
    ingress: appliedIn(ordered, eps, 'ingress'),
    egress: appliedIn(ordered, eps, 'egress'),
  };
  if (n.type === 'workload') {
    out.namespace = n.namespace;
    out.workloadKind = n.workloadKind;
    out.replicas = n.replicas;
    if (first) out.serviceAccount = first.serviceAccount;
    if (eps.length > 0 && eps.every((e) => e.hostNetwork)) out.hostNetwork = true;
  } else if (n.type === 'networkset' && n.namespace) out.namespace = n.namespace;
  return out;
}

/** One pod endpoint: its own labels (as the workload node shows its template's), policies that select it. */
function inspectPod(ws: Workspace, id: string, { node, ep }: PodRef): NodeInspection {
  const ordered = orderPolicies(ws);
  return {
    id, type: 'pod', name: ep.name, namespace: ep.namespace, workloadKind: node.workloadKind, workload: node.id,
    labels: { ...ep.ownLabels }, serviceAccount: ep.serviceAccount, namedPorts: namedPortsOf([ep]), endpoints: 1,
    podIPs: ep.ips.map(podAddress),
    ...(ep.node?.name ? { nodeName: ep.node.name } : {}),
    ...(ep.template ? { template: true, replicas: node.replicas } : {}),
    ...(ep.hostNetwork ? { hostNetwork: true } : {}),
    ingress: appliedIn(ordered, [ep], 'ingress'),
    egress: appliedIn(ordered, [ep], 'egress'),
  };
}
