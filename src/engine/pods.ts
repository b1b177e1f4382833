/**
 * Workloads shown as their pods (issue 4: "workloads ... expandable to their pods"). A pod is
 * exactly one endpoint, so its row and column are read off the class evaluation the session
 * already holds (the class of its endpoint), folded against the other nodes' member classes
 * exactly as ./matrix/connectivity.ts folds node groups: nothing is evaluated a second time.
 */
import { scopeOf, verdictOfId, verdictOfPair, type EdgeData, type NodeData, type Session } from './analysis';
import type { Endpoint } from './model/endpoint';
import type { ClusterNode } from './model/workspace';
import { isExpandable, podAddress, podNodeId } from './model/pod';
import type { ClassEvaluation } from './matrix/evaluation';
import { ALL_ID as ALL, NONE_ID as NONE } from './matrix/conntable';

/** Expanded workloads: their pod nodes and every edge that touches a pod. */
export interface WorkloadExpansion {
  /** The workload ids that were expanded, in the order asked (unknown and non-expandable ids are left out). */
  workloads: string[];
  /** Pod nodes (kind `pod`), grouped by workload in the order of `workloads`. */
  pods: NodeData[];
  /**
   * Every ordered pair of distinct nodes of the expanded graph (the analysis' nodes with each
   * expanded workload replaced by its pods) that has a pod on at least one end, in that
   * graph's node order; same rules as {@link AnalysisResult.edges}, including leaving out
   * `deny` pairs when the analysis does (`denyEdgesOmitted`).
   */
  edges: EdgeData[];
  /** Copied from the analysis: a missing pod edge then means `No Connections`. */
  denyEdgesOmitted?: boolean;
}

/** One node of the expanded graph: a pod (its class) or an analysis node (its group). */
type Member = { pod: true; id: string; cls: number } | { pod: false; id: string; group: number };

function podData(node: Extract<ClusterNode, { type: 'workload' }>, ep: Endpoint): NodeData {
  return {
    id: podNodeId(ep), kind: 'pod', name: ep.name, namespace: ep.namespace, workload: node.id, workloadKind: node.workloadKind,
    labels: { ...ep.ownLabels }, serviceAccount: ep.serviceAccount, ports: ep.namedPorts.map((p) => ({ ...p })),
    podIPs: ep.ips.map(podAddress),
    ...(ep.node?.name ? { nodeName: ep.node.name } : {}),
    ...(ep.hostNetwork ? { hostNetwork: true } : {}),
    // A template among listed pods stands for the workload's declared replicas (model/pod.ts).
    ...(ep.template ? { template: true, replicas: node.replicas } : {}),
  };
}

/** Reads pod pairs off one scope's class evaluation, folding multi-class node groups once per (class, group). */
class PodPairs {
  private readonly cache = new Map<number, [number, number]>();

  constructor(private readonly ev: ClassEvaluation, private readonly groups: readonly (readonly number[])[], private readonly single: Int32Array) {}

  /** [all, some] table ids from `a` to `b` (at least one of them a pod). */
  pair(a: Member, b: Member): [number, number] {
    if (a.pod && b.pod) {
      const c = this.ev.classPair(a.cls, b.cls);
      return [c, c];
    }
    if (a.pod) return this.fold(a.cls, (b as Extract<Member, { pod: false }>).group, true);
    return this.fold((b as Extract<Member, { pod: true }>).cls, (a as Extract<Member, { pod: false }>).group, false);
  }

  /** Pod class `c` against group `g` (`out`: the pod is the source), as ConnectivityMatrix.fold. */
  private fold(c: number, g: number, out: boolean): [number, number] {
    const key = (c * this.groups.length + g) * 2 + (out ? 1 : 0);
    let hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.single[g]!;
    if (s >= 0) {
      const v = out ? this.ev.classPair(c, s) : this.ev.classPair(s, c);
      hit = [v, v];
    } else {
      const t = this.ev.universe.table;
      const members = this.groups[g]!;
      let all = members.length === 0 ? NONE : ALL;
      let some = NONE;
      for (const m of members) {
        const v = out ? this.ev.classPair(c, m) : this.ev.classPair(m, c);
        all = t.intersect(all, v);
        some = t.union(some, v);
      }
      hit = [all, some];
    }
    this.cache.set(key, hit);
    return hit;
  }
}

/**
 * Shows workloads of a session as their pods: for each given workload id that can be expanded
 * (it groups listed pods, see `isExpandable`), one node per pod endpoint (`pod:<ns>/<name>`,
 * with its workload id, labels, IPs, node, service account and named ports), and the edges
 * between each pod and every other node of the graph in both directions, and between any two
 * pods of the expanded workloads (pods of the same workload included). Verdicts, connection
 * strings, `mixed` / `someConnections` (when the other end's members differ) and pending
 * verdicts follow {@link AnalysisResult.edges}. Pure: reads the session's evaluation only.
 */
export function expandWorkloads(session: Session, workloadIds: readonly string[]): WorkloadExpansion {
  const ws = session.workspace;
  const enforced = scopeOf(session, 'enforced');
  const pendingScope = session.evaluation?.pending ?? null;
  const universe = enforced.classes.universe;
  const { groupOf, groups, single } = enforced.matrix;
  const byId = new Map(ws.nodes.map((n, i) => [n.id, i]));
  const asked = new Set<string>();
  const workloads: string[] = [];
  for (const id of workloadIds) {
    const i = byId.get(id);
    if (i === undefined || asked.has(id) || !isExpandable(ws.nodes[i]!)) continue;
    asked.add(id);
    workloads.push(id);
  }
  const pods: NodeData[] = [];
  for (const id of workloads) {
    const node = ws.nodes[byId.get(id)!]!;
    if (node.type === 'workload') for (const ep of node.endpoints) pods.push(podData(node, ep));
  }
  // The expanded graph's nodes, in analysis order with each expanded workload's pods in its place.
  const members: Member[] = [];
  ws.nodes.forEach((n, i) => {
    if (n.type === 'workload' && asked.has(n.id)) {
      for (const ep of n.endpoints) members.push({ pod: true, id: podNodeId(ep), cls: universe.classOfEndpoint(ep) });
    } else members.push({ pod: false, id: n.id, group: groupOf[i]! });
  });
  const enforcedPairs = new PodPairs(enforced.classes, groups, single);
  const pendingPairs = pendingScope ? new PodPairs(pendingScope.classes, groups, single) : null;
  // The analysis' rule (more than DENY_EDGE_LIMIT nodes), so both lists read a missing edge alike.
  const omit = session.result.denyEdgesOmitted === true;
  const edges: EdgeData[] = [];
  for (const a of members) {
    for (const b of members) {
      // Pods are never address nodes, so every pair with a pod on one end is an edge.
      if (a === b || (!a.pod && !b.pod)) continue;
      const [all, some] = enforcedPairs.pair(a, b);
      const verdict = verdictOfPair(all, some);
      const pend = pendingPairs ? pendingPairs.pair(a, b)[0] : -1;
      if (omit && verdict === 'deny' && (pend === -1 || pend === NONE)) continue;
      const edge: EdgeData = { id: `${a.id}->${b.id}`, source: a.id, target: b.id, verdict, connections: universe.connText(all), allowed: universe.connJSON(all), mixed: all !== some };
      if (all !== some) {
        edge.someConnections = universe.connText(some);
        edge.someAllowed = universe.connJSON(some);
      }
      if (pend !== -1) {
        edge.pendingVerdict = verdictOfId(pend);
        edge.pendingConnections = universe.connText(pend);
      }
      edges.push(edge);
    }
  }
  return { workloads, pods, edges, ...(omit ? { denyEdgesOmitted: true } : {}) };
}
