/**
 * Evaluation members: the single things connectivity is really decided between, below the
 * graph's grouping. A workload node stands for its pods; the internet node for its address
 * blocks. Tools that name nodes differently (one node per pod, per owner, per address range)
 * rebuild their own view from these members without re-implementing the evaluator.
 */
import { scopeOf, type Session } from '../analysis';
import type { Endpoint } from '../model/endpoint';
import type { WorkloadKind } from '../model/workspace';
import { ConnSet } from '../net';
import type { IpRange } from '../net/ip';
import type { Scope } from '../evaluate/order';
import { ingressControllerConnections } from '../exposure/ingress';
import { INGRESS_CONTROLLER } from '../parse/ingress';
import { referencePeerEvaluator } from './reference';

/** One pod endpoint: a pod of the workspace, or the pod template of a workload manifest. */
export interface PodMember {
  type: 'pod';
  namespace: string;
  /** The pod's name; for a workload manifest, `<workload>-template` (one endpoint stands for all its replicas). */
  name: string;
  /** Graph node id of the owning workload (`wl:<ns>/<Kind>/<name>`). */
  nodeId: string;
  workloadKind: WorkloadKind;
  workloadName: string;
  /** True when the member is a workload manifest's pod template rather than a pod listed in the workspace. */
  template: boolean;
  /** Replicas the owning node declares (templates: `spec.replicas`, default 1; pods: how many pods the node has). */
  replicas: number;
  /** The pod's own labels (without the Calico-derived ones). */
  labels: Readonly<Record<string, string>>;
  /** A listed pod's controlling ownerReference as written (kind may be empty), whatever its kind. */
  controller?: { kind: string; name: string };
}

/** One block of external addresses in which every address behaves the same (SPEC §4.8). */
export interface BlockMember {
  type: 'block';
  block: IpRange;
}

/** A Calico HostEndpoint (not namespaced; named by its resource name). */
export interface HepMember {
  type: 'hep';
  name: string;
  nodeId: string;
  /** The host endpoint's own labels (without those its profiles apply). */
  labels: Readonly<Record<string, string>>;
  /** `spec.profiles`, in order. */
  profiles: readonly string[];
}

/**
 * The cluster's ingress controller, present when the workspace has an Ingress or Route (see
 * ../exposure/ingress.ts): connections from it are modelled, connections to it are not.
 */
export interface IngressControllerMember {
  type: 'ingress-controller';
  name: typeof INGRESS_CONTROLLER.name;
  namespace: typeof INGRESS_CONTROLLER.namespace;
}

/** A pod endpoint, a host endpoint, an external address block or the ingress controller. */
export type EvaluationMember = PodMember | HepMember | BlockMember | IngressControllerMember;

/** Every member of a session plus the evaluator between any two of them. */
export interface MemberEvaluation {
  pods: PodMember[];
  heps: HepMember[];
  /**
   * Disjoint external blocks covering the address space of every IP version in use: IPv4,
   * plus IPv6 when a policy mentions an IPv6 CIDR. Split at every CIDR of the workspace.
   */
  blocks: BlockMember[];
  /** The ingress controller, when the workspace has an Ingress or Route; null otherwise. */
  ingressController: IngressControllerMember | null;
  /**
   * Connections allowed from `src` to `dst` (egress at src AND ingress at dst, SPEC §4.2).
   * Between two blocks nothing is enforced, so the result is every connection. A pod paired
   * with itself is evaluated as two replicas of the same pod. From the ingress controller to
   * a pod: the TCP ports an Ingress / Route exposes the pod on that policy allows from the
   * controller; from it to anything else, and to it, nothing (not modelled).
   * @throws Error when a member does not come from this evaluation.
   */
  allowed(src: EvaluationMember, dst: EvaluationMember): ConnSet;
}

/**
 * Lists the evaluation members of a session (every pod endpoint of every workload node, every
 * external address block) and returns an evaluator for the allowed connections between any
 * two of them in the given scope (default `enforced`). Pure: reads the session only; `allowed`
 * looks the pair up in the session's class-level evaluation.
 */
export function evaluationMembers(session: Session, scope: Scope = 'enforced'): MemberEvaluation {
  const ws = session.workspace;
  const { classes } = scopeOf(session, scope);
  const universe = classes.universe;
  // Member -> [its class, its endpoint (for the pod-to-itself rule) or null].
  const members = new Map<EvaluationMember, [number, Endpoint | null]>();
  const pods: PodMember[] = [];
  const heps: HepMember[] = [];
  const podEndpoint = new Map<EvaluationMember, Endpoint>();
  for (const node of ws.nodes) {
    if (node.type === 'hostendpoint') {
      const m: HepMember = { type: 'hep', name: node.name, nodeId: node.id, labels: node.endpoint.ownLabels, profiles: node.endpoint.profiles };
      heps.push(m);
      members.set(m, [universe.classOfEndpoint(node.endpoint), node.endpoint]);
    }
    if (node.type !== 'workload') continue;
    for (const ep of node.endpoints) {
      const m = podMember(node.workloadKind, node.name, node.replicas, ep);
      pods.push(m);
      podEndpoint.set(m, ep);
      members.set(m, [universe.classOfEndpoint(ep), ep.hostNetwork ? null : ep]);
    }
  }
  // The corpus tools' ip-block nodes span the whole address space, endpoint addresses included.
  const blocks: BlockMember[] = universe.peers.allBlocks.map((b) => {
    const m: BlockMember = { type: 'block', block: b.block };
    members.set(m, [universe.classOfPeer(b), null]);
    return m;
  });
  const ingressController: IngressControllerMember | null = ws.ingress ? { type: 'ingress-controller', ...INGRESS_CONTROLLER } : null;
  // Few pods are exposed: the controller's pairs are evaluated directly, once, on first use.
  let fromController: Map<Endpoint, ConnSet> | undefined;
  const controllerTo = (dst: EvaluationMember): ConnSet => {
    if (!fromController) {
      const pair = referencePeerEvaluator(ws, scope);
      const peers = universe.peers;
      fromController = ingressControllerConnections(ws, (c, ep) => pair({ type: 'endpoint', ep: c, owners: [c.labels] }, peers.endpoint(ep)));
    }
    const ep = dst.type === 'pod' ? podEndpoint.get(dst) : undefined;
    return (ep && fromController.get(ep)) ?? ConnSet.none();
  };
  return {
    pods,
    heps,
    blocks,
    ingressController,
    allowed(src, dst) {
      if (ingressController && (src === ingressController || dst === ingressController)) {
        return src === ingressController && dst !== ingressController ? controllerTo(dst) : ConnSet.none();
      }
      const a = members.get(src);
      const b = members.get(dst);
      if (a === undefined || b === undefined) throw new Error('member does not belong to this evaluation');
      // SPEC §6.35: a pod reaching its own address never meets policy; a template stands for
      // its replicas, so a template paired with itself is two distinct pods.
      if (a[1] !== null && a[1] === b[1] && !a[1].template) return ConnSet.all();
      return universe.table.set(classes.classPair(a[0], b[0]));
    },
  };
}

function podMember(kind: WorkloadKind, workload: string, replicas: number, ep: Endpoint): PodMember {
  // parse/workspace.ts names the single endpoint of a workload manifest `<workload>-template`;
  // pods listed in the workspace keep their own names.
  const template = kind !== 'Pod' && ep.name === `${workload}-template`;
  return {
    type: 'pod', namespace: ep.namespace, name: ep.name, nodeId: ep.nodeId, workloadKind: kind, workloadName: workload,
    template, replicas, labels: ep.ownLabels, ...(ep.controller ? { controller: ep.controller } : {}),
  };
}
