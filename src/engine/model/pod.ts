/**
 * Pods as graph nodes (design.md stable names: `pod:<namespace>/<name>`): which workloads can be
 * shown as their individual pods, and how a pod id names exactly one endpoint.
 */
import type { Endpoint } from './endpoint';
import type { ClusterNode, Workspace } from './workspace';
import { formatRange, type IpRange } from '../net/ip';

type WorkloadNode = Extract<ClusterNode, { type: 'workload' }>;

/** The graph id of a pod endpoint (`pod:<namespace>/<name>`). */
export function podNodeId(ep: Endpoint): string {
  return `pod:${ep.namespace}/${ep.name}`;
}

/**
 * True when a workload node can be shown as its pods: it groups pods listed in the workspace
 * under an owner. A bare Pod is its own single pod, so there is nothing to expand. A workload
 * manifest (Deployment, StatefulSet, ...) alone has no individual pods: its one pod template
 * stands for every replica, which policy cannot tell apart (same labels, same ports, no IPs),
 * so the engine evaluates it as one endpoint and "expanding" it could only repeat the same
 * node N times with identical edges. The UI says "N identical replicas from one pod template"
 * instead. A template that shares its node with listed pods (a ReplicaSet manifest and its
 * pods) is expanded as one more pod node, marked `template`.
 */
export function isExpandable(node: ClusterNode): node is WorkloadNode {
  return node.type === 'workload' && node.workloadKind !== 'Pod' && node.endpoints.some((e) => !e.template);
}

/** True when every endpoint of a workload is a pod template (a manifest standing for its replicas). */
export function isTemplateOnly(node: ClusterNode): boolean {
  return node.type === 'workload' && node.endpoints.length > 0 && node.endpoints.every((e) => e.template);
}

/** A pod endpoint and the workload node it belongs to. */
export interface PodRef {
  node: WorkloadNode;
  ep: Endpoint;
}

const indexes = new WeakMap<Workspace, Map<string, PodRef>>();

/**
 * The pod a `pod:<namespace>/<name>` id names in a workspace, or undefined. Every pod endpoint
 * of every workload has one (bare pods and templates too, `<workload>-template`); when two
 * endpoints share a name (two WorkloadEndpoints of one pod), the first one is the pod.
 */
export function findPod(ws: Workspace, id: string): PodRef | undefined {
  let index = indexes.get(ws);
  if (!index) {
    index = new Map();
    for (const node of ws.nodes) {
      if (node.type !== 'workload') continue;
      for (const ep of node.endpoints) {
        const key = podNodeId(ep);
        if (!index.has(key)) index.set(key, { node, ep });
      }
    }
    indexes.set(ws, index);
  }
  return index.get(id);
}

/** A pod address as users write it: the bare IP for one address, `lo-hi` for a range. */
export function podAddress(r: IpRange): string {
  const text = formatRange(r);
  return r.lo === r.hi ? text.slice(0, text.indexOf('-')) : text;
}
