/**
 * All-pairs connectivity of graph nodes (SPEC §4.2): the class rows of ./evaluation.ts folded
 * into a node matrix, the scope entry points (full and incremental), and the direct
 * per-peer evaluation used by explanations.
 */
import type { Endpoint, Profile } from '../model/endpoint';
import type { Direction, Policy } from '../model/policy';
import type { ClusterNode, Workspace } from '../model/workspace';
import { ConnSet } from '../net';
import { allowedInDirection } from '../evaluate/symbolic';
import type { ApplicableTiers, OrderedTier, Scope } from '../evaluate/order';
import type { Peer } from '../evaluate/peer';
import { fromOwnNode } from '../evaluate/nodelocal';
import { ClassUniverse } from './classes';
import { ALL_ID as ALL, NONE_ID as NONE } from './conntable';
import { ClassEvaluation, PolicyView, type AffectedClasses } from './evaluation';
import type { PeerUniverse } from './peers';

/** Allowed connections between two graph nodes. */
export interface PairConnectivity {
  src: string;
  dst: string;
  /** Connections allowed between every member of src and every member of dst. */
  allowed: ConnSet;
  /** Connections allowed between at least one member pair (differs from `allowed` when members differ). */
  someAllowed: ConnSet;
}

/** Nodes that stand for outside addresses: no policy is enforced between two of them. */
export const isAddressNode = (n: ClusterNode): boolean => n.type === 'external' || n.type === 'networkset';

/**
 * Connectivity between every ordered pair of graph nodes of a workspace, as interned ids
 * (`universe.table`): `allowedId` between every member pair, `someId` between at least one.
 * Nodes with the same member classes form one group. A pair of single-class groups is read off
 * the class rows when asked (egress row ∩ ingress row, two array reads and a memoised
 * intersection), so nothing quadratic is stored; pairs involving a group of several classes
 * (the internet's blocks, a workload whose pods differ) are folded once and kept.
 */
export class ConnectivityMatrix {
  /** Node index → node group. */
  readonly groupOf: Int32Array;
  /** Node group → its member classes. */
  readonly groups: (readonly number[])[];
  /** Node group → its class when it has exactly one, else -1. */
  readonly single: Int32Array;
  /** Group pair (x * groups + y) involving a multi-class group → [all, some]. */
  private readonly folded = new Map<number, [number, number]>();
  /** After an incremental update: the groups whose row or column may differ (null: all of them). */
  readonly changed: { rows: Uint8Array; cols: Uint8Array } | null = null;

  constructor(readonly nodes: readonly ClusterNode[], readonly evaluation: ClassEvaluation, previous?: { matrix: ConnectivityMatrix; affected: AffectedClasses }) {
    const u = evaluation.universe;
    // The universe may be older than the workspace (policy edits), but its nodes are the same.
    if (nodes !== u.ws.nodes) throw new Error('the matrix nodes must be those of the class universe');
    ({ groupOf: this.groupOf, groups: this.groups, single: this.single } = u.nodeGroups());
    const G = this.groups.length;
    const multi: number[] = [];
    for (let g = 0; g < G; g++) if (this.single[g]! < 0) multi.push(g);
    for (const x of multi) {
      for (let y = 0; y < G; y++) {
        this.fold(x, y);
        if (this.single[y]! >= 0) this.fold(y, x);
      }
    }
    if (previous) {
      const flags = (set: ReadonlySet<number>) => Uint8Array.from(this.groups, (cs) => (cs.some((c) => set.has(c)) ? 1 : 0));
      this.changed = { rows: flags(previous.affected.egress), cols: flags(previous.affected.ingress) };
    }
  }

  private fold(x: number, y: number): void {
    const a = this.groups[x]!;
    const b = this.groups[y]!;
    const ev = this.evaluation;
    const t = ev.universe.table;
    let all = a.length === 0 || b.length === 0 ? NONE : ALL;
    let some = NONE;
    for (const i of a) {
      for (const j of b) {
        const c = ev.classPair(i, j);
        all = t.intersect(all, c);
        some = t.union(some, c);
      }
    }
    this.folded.set(x * this.groups.length + y, [all, some]);
  }

  /** Table id of the connections between every member pair of group `x` and group `y`. */
  allAt(x: number, y: number): number {
    const a = this.single[x]!;
    const b = this.single[y]!;
    if (a >= 0 && b >= 0) return this.evaluation.classPair(a, b);
    return this.folded.get(x * this.groups.length + y)![0];
  }

  /** Table id of the connections between at least one member pair of group `x` and group `y`. */
  someAt(x: number, y: number): number {
    const a = this.single[x]!;
    const b = this.single[y]!;
    if (a >= 0 && b >= 0) return this.evaluation.classPair(a, b);
    return this.folded.get(x * this.groups.length + y)![1];
  }

  /** Table id of the connections allowed between every member of node `i` and every member of node `j`. */
  allowedId(i: number, j: number): number {
    return this.allAt(this.groupOf[i]!, this.groupOf[j]!);
  }

  /** Table id of the connections allowed between at least one member pair of nodes `i` and `j`. */
  someId(i: number, j: number): number {
    return this.someAt(this.groupOf[i]!, this.groupOf[j]!);
  }

  /** The pair of node `i` to node `j` as connection sets. */
  pair(i: number, j: number): PairConnectivity {
    const t = this.evaluation.universe.table;
    return { src: this.nodes[i]!.id, dst: this.nodes[j]!.id, allowed: t.set(this.allowedId(i, j)), someAllowed: t.set(this.someId(i, j)) };
  }

  /** Every ordered pair of distinct nodes, except between two address nodes (SPEC §4.8), in node order. */
  *pairs(): Iterable<PairConnectivity> {
    for (let i = 0; i < this.nodes.length; i++) {
      for (let j = 0; j < this.nodes.length; j++) {
        if (i === j || (isAddressNode(this.nodes[i]!) && isAddressNode(this.nodes[j]!))) continue;
        yield this.pair(i, j);
      }
    }
  }
}

/** One scope's evaluation of a workspace: its policies, class rows and node matrix. */
export interface ScopeResult {
  view: PolicyView;
  classes: ClassEvaluation;
  matrix: ConnectivityMatrix;
}

/** Evaluates one scope of a workspace over a class universe (built from the workspace when not given). */
export function evaluateScope(ws: Workspace, scope: Scope, universe: ClassUniverse = new ClassUniverse(ws)): ScopeResult {
  const view = new PolicyView(universe, ws, scope);
  const classes = new ClassEvaluation(universe, view);
  return { view, classes, matrix: new ConnectivityMatrix(ws.nodes, classes) };
}

/**
 * Re-evaluates one scope after policies changed, reusing everything of `previous` that the
 * change cannot affect: the universe must be the one of `previous` (same classes), and
 * `affected` must hold every class selected by an added, removed or changed policy.
 */
export function updateScope(previous: ScopeResult, ws: Workspace, scope: Scope, change: { affected: AffectedClasses; ordered: OrderedTier[]; removed: readonly Policy[]; added: readonly Policy[] }): ScopeResult {
  const { affected, ordered, removed, added } = change;
  const view = new PolicyView(previous.view.universe, ws, scope, { view: previous.view, ordered, removed, added });
  const classes = new ClassEvaluation(previous.view.universe, view, { evaluation: previous.classes, affected });
  return { view, classes, matrix: new ConnectivityMatrix(ws.nodes, classes, { matrix: previous.matrix, affected }) };
}

/** All ordered pairs of graph nodes with their allowed connections (SPEC §4.2), as a matrix. */
export function computeConnectivity(ws: Workspace, scope: Scope = 'enforced'): ConnectivityMatrix {
  return evaluateScope(ws, scope).matrix;
}

/** Applicable tiers and profiles per endpoint, for explanations (SPEC §4.10 traces). */
export class PolicyIndex {
  constructor(readonly universe: ClassUniverse, readonly view: PolicyView) {}

  /** Every peer of the workspace. */
  get peers(): PeerUniverse {
    return this.universe.peers;
  }

  /** SPEC §4.3: the tiers that apply to the endpoint in `dir`, each with its applicable policies in order. */
  tiersFor(ep: Endpoint, dir: Direction): ApplicableTiers {
    return this.view.tiers(this.universe.classOfEndpoint(ep), dir);
  }

  /** The endpoint's profiles, in order (SPEC §4.5). */
  profilesFor(ep: Endpoint): Profile[] {
    return this.universe.classes[this.universe.classOfEndpoint(ep)]!.profiles;
  }
}

/**
 * SPEC §4.2 for two peers, evaluated directly (no class tables): egress at the source endpoint
 * AND ingress at the destination endpoint. A pod reaching its own address never meets policy
 * (SPEC §6.35).
 */
export function peerConnectivity(index: PolicyIndex, src: Peer, dst: Peer): ConnSet {
  // A template stands for its replicas: paired with itself it means two distinct pods.
  if (src.type === 'endpoint' && dst.type === 'endpoint' && src.ep === dst.ep && !src.ep.template) return ConnSet.all();
  let out = ConnSet.all();
  if (src.type === 'endpoint') out = out.intersect(allowedInDirection(index.tiersFor(src.ep, 'egress'), index.profilesFor(src.ep), 'egress', src, dst));
  if (out.isEmpty()) return out;
  // SPEC §6.34: from the destination pod's own node, the ingress side always allows.
  if (dst.type === 'endpoint' && !fromOwnNode(src, dst.ep)) out = out.intersect(allowedInDirection(index.tiersFor(dst.ep, 'ingress'), index.profilesFor(dst.ep), 'ingress', src, dst));
  return out;
}
