/**
 * All-pairs connectivity, class by class (see ./classes.ts). For each policy-endpoint class and
 * direction, the applicable rules are compiled into a "program" (tiers, rules, profiles); the
 * program is run once per group of peer classes that its rules cannot tell apart, giving a row
 * of interned connection sets over every peer class. A class pair is then egress row ∩ ingress
 * row (SPEC §4.2), and a pair of graph nodes folds its members' class pairs.
 */
import type { Endpoint, Profile } from '../model/endpoint';
import type { Direction, Policy, Tier } from '../model/policy';
import type { ClusterNode, Workspace } from '../model/workspace';
import { ConnSet } from '../net';
import { allowedInDirection } from '../evaluate/symbolic';
import { orderPolicies, type ApplicableTiers, type OrderedTier, type Scope } from '../evaluate/order';
import type { Peer } from '../evaluate/peer';
import { fromOwnNode } from '../evaluate/nodelocal';
import { ClassUniverse } from './classes';
import type { CompiledRule } from './rules';
import { ALL_ID, NONE_ID } from './conntable';
import type { PeerUniverse } from './peers';

// The table ids of the empty and the full set, as module constants: hot loops below read them
// millions of times and must not go through a module binding.
const NONE = 0;
const ALL = 1;
if (NONE !== NONE_ID || ALL !== ALL_ID) throw new Error('connection table ids changed');

/** Membership test (see ./bitset.ts), as a function declaration so that it inlines. */
function has(b: Uint32Array, i: number): boolean {
  return ((b[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/** The policies of one scope, and which of them apply to each policy-endpoint class (SPEC §4.3, §4.4, §4.9). */
export class PolicyView {
  readonly ordered: OrderedTier[];
  private readonly lists: Policy[][];
  private readonly tierByName: Map<string, Tier>;
  private readonly cache: [Map<number, ApplicableTiers>, Map<number, ApplicableTiers>] = [new Map(), new Map()];

  /**
   * The view of `ws`; given the view of a previous version of the workspace and the policies
   * that differ (with the new order, see `reorderPolicies`), only the classes those policies
   * select get new lists.
   */
  constructor(readonly universe: ClassUniverse, ws: Workspace, readonly scope: Scope, previous?: { view: PolicyView; ordered: OrderedTier[]; removed: readonly Policy[]; added: readonly Policy[] }) {
    this.ordered = previous?.ordered ?? orderPolicies(ws);
    this.tierByName = new Map(this.ordered.map((t) => [t.tier.name, t.tier]));
    const counts = (p: Policy) => scope === 'pending' || !p.staged;
    if (!previous) {
      this.lists = universe.classes.map(() => []);
      for (const { policies } of this.ordered) {
        for (const p of policies) {
          if (!counts(p)) continue;
          for (const c of universe.selectedBy(p)) this.lists[c]!.push(p);
        }
      }
      return;
    }
    this.lists = previous.view.lists.slice();
    const removed = new Set(previous.removed);
    const affected = new Set<number>();
    for (const p of [...previous.removed, ...previous.added]) if (counts(p)) for (const c of universe.selectedBy(p)) affected.add(c);
    if (affected.size === 0) return;
    const rank = new Map<Policy, number>();
    for (const { policies } of this.ordered) for (const p of policies) rank.set(p, rank.size);
    for (const c of affected) {
      const list = this.lists[c]!.filter((p) => !removed.has(p));
      for (const p of previous.added) if (counts(p) && universe.selectedBy(p).includes(c)) list.push(p);
      this.lists[c] = list.sort((a, b) => rank.get(a)! - rank.get(b)!);
    }
  }

  /** SPEC §4.3 + §4.5: the tiers that apply to class `c` in `dir`, each with its applicable policies in order. */
  tiers(c: number, dir: Direction): ApplicableTiers {
    const cache = this.cache[dir === 'ingress' ? 0 : 1];
    let out = cache.get(c);
    if (!out) {
      out = [];
      let current: { tier: Tier; policies: Policy[] } | undefined;
      for (const p of this.lists[c] ?? []) {
        if (!p.types.has(dir)) continue;
        if (!current || current.tier.name !== p.id.tier) {
          current = { tier: this.tierByName.get(p.id.tier)!, policies: [] };
          out.push(current);
        }
        current.policies.push(p);
      }
      cache.set(c, out);
    }
    return out;
  }
}

/** One step of a direction program. */
interface Step {
  /** null: end of a tier. */
  cr: CompiledRule | null;
  action: 'allow' | 'deny' | 'pass';
  /** A profile rule (after every tier). */
  profile: boolean;
  /** End of tier: its default action is Pass. */
  pass: boolean;
  /** Peer classes the peer side matches. */
  peer: Uint32Array;
  /** Peer classes the rule's ipVersion admits for this subject (null: all). */
  mask: Uint32Array | null;
  /** Table id of the rule's connections, or -1 when they depend on the peer (named ports on the peer's side). */
  port: number;
  /** The subject class, and whether it is the source (egress): where a peer-dependent set is looked up. */
  subject: number;
  egress: boolean;
}

/** The direction program of subject class `s`, and a key that equal programs share. */
function program(u: ClassUniverse, view: PolicyView, s: number, dir: Direction): { key: string; steps: Step[] } {
  const steps: Step[] = [];
  const parts: (string | number)[] = [dir];
  const cls = u.classes[s]!;
  const addRule = (rule: CompiledRule, action: Step['action'], profile: boolean) => {
    const r = rule.rule;
    if (!has(dir === 'egress' ? rule.src : rule.dst, s)) return; // the subject's own side does not match
    let mask: Uint32Array | null = null;
    let maskCode = 0;
    if (r.ipVersion !== undefined) {
      // SPEC §3.2 step 1: the version of the packet is the source's, else the destination's.
      const vs = cls.ipv;
      if (dir === 'egress') {
        if (vs !== undefined && vs !== r.ipVersion) return;
        if (vs === undefined) [mask, maskCode] = [u.ipvMask(r.ipVersion, true), 1];
      } else if (vs === undefined || vs === r.ipVersion) [mask, maskCode] = [u.ipvMask(r.ipVersion, true), 1];
      else [mask, maskCode] = [u.ipvMask(r.ipVersion, false), 2];
    }
    // Named ports resolve on their side's endpoint (SPEC §3.5): destination names on the peer
    // on egress and on the subject on ingress; source names the other way round.
    const egress = dir === 'egress';
    const peerNamed = egress ? rule.dstNamed : rule.srcNamed;
    const port = peerNamed ? -1 : u.portsFor(rule, s, s);
    if (port === NONE) return;
    steps.push({ cr: rule, action, profile, pass: false, peer: egress ? rule.dst : rule.src, mask, port, subject: s, egress });
    // With names on both sides the peer-dependent sets also depend on the subject: no sharing.
    parts.push(`${rule.uid}${action[0]}${maskCode}:${port}${port < 0 && rule.srcNamed && rule.dstNamed ? `@${s}` : ''}`);
  };
  for (const { tier, policies } of view.tiers(s, dir)) {
    for (const policy of policies) {
      for (const rule of policy[dir]) {
        if (rule.action === 'Log') continue; // SPEC §4.5: Log records and goes on
        addRule(u.compile(rule), rule.action === 'Allow' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass', false);
      }
    }
    const pass = tier.defaultAction === 'Pass';
    steps.push({ cr: null, action: 'deny', profile: false, pass, peer: u.everyClass, mask: null, port: NONE, subject: s, egress: dir === 'egress' });
    parts.push(pass ? 'P' : 'D');
  }
  parts.push('|');
  for (const profile of cls.profiles) {
    for (const rule of profile[dir]) {
      if (rule.action === 'Log') continue;
      // SPEC Appendix B.7: a Deny or Pass rule in a profile drops.
      addRule(u.compile(rule), rule.action === 'Allow' ? 'allow' : 'deny', true);
    }
  }
  return { key: parts.join(','), steps };
}

function hitOf(u: ClassUniverse, step: Step, p: number): number {
  const w = p >>> 5;
  const bit = 1 << (p & 31);
  if ((step.peer[w]! & bit) === 0 || (step.mask !== null && (step.mask[w]! & bit) === 0)) return NONE;
  return step.port >= 0 ? step.port : peerPorts(u, step, p);
}

/** Table id of a peer-dependent step's connections towards peer class `p`. */
function peerPorts(u: ClassUniverse, step: Step, p: number): number {
  return step.egress ? u.portsFor(step.cr!, step.subject, p) : u.portsFor(step.cr!, p, step.subject);
}

/** SPEC §4.5 for one peer class, on table ids (the same walk as `allowedInDirection`). */
function run(u: ClassUniverse, steps: readonly Step[], p: number): number {
  const t = u.table;
  let remaining = ALL;
  let undecided = ALL;
  let passed = NONE;
  let allowed = NONE;
  for (const step of steps) {
    if (step.cr === null) {
      // End of tier: undecided connections get the tier's default action.
      remaining = step.pass ? t.union(passed, undecided) : passed;
      if (remaining === NONE) return allowed;
      undecided = remaining;
      passed = NONE;
      continue;
    }
    if (!step.profile) {
      if (undecided === NONE) continue;
      const h = hitOf(u, step, p);
      if (h === NONE) continue;
      const hit = t.intersect(h, undecided);
      if (hit === NONE) continue;
      undecided = t.subtract(undecided, hit);
      if (step.action === 'allow') allowed = t.union(allowed, hit);
      else if (step.action === 'pass') passed = t.union(passed, hit);
    } else {
      if (remaining === NONE) return allowed;
      const h = hitOf(u, step, p);
      if (h === NONE) continue;
      const hit = t.intersect(h, remaining);
      if (hit === NONE) continue;
      remaining = t.subtract(remaining, hit);
      if (step.action === 'allow') allowed = t.union(allowed, hit);
    }
  }
  return allowed;
}

/**
 * Partition refinement over peer classes: `cellOf[c]` is the cell of class `c`; classes of one
 * cell have so far been treated alike by every rule seen. Splitting by a set moves its members
 * (or, when cheaper, the members of its complement) to a twin of their cell, which costs the
 * size of the smaller side, not the number of classes.
 */
class Partition {
  readonly cellOf: Int32Array;
  cells = 1;
  /** Per cell: the twin made for it in the round `stamp` says (cell ids only grow). */
  private readonly twin: number[] = [0];
  private readonly stamp: number[] = [0];
  private round = 0;

  constructor(n: number) {
    this.cellOf = new Int32Array(n);
  }

  private moveTo(m: number, round: number): void {
    const c = this.cellOf[m]!;
    if (this.stamp[c] !== round) {
      this.stamp[c] = round;
      this.twin[c] = this.cells;
      this.twin.push(0);
      this.stamp.push(0);
      this.cells++;
    }
    this.cellOf[m] = this.twin[c]!;
  }

  /** Splits every cell by membership in a set, given the members of the set or of its complement. */
  split(members: Int32Array): void {
    const round = ++this.round;
    for (let i = 0; i < members.length; i++) this.moveTo(members[i]!, round);
  }

  /** Splits the members of `members` by their key (members with equal keys stay together). */
  splitBy(members: Int32Array, key: (m: number) => number): void {
    const rounds = new Map<number, number>();
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      const k = key(m);
      let round = rounds.get(k);
      if (round === undefined) {
        round = ++this.round;
        rounds.set(k, round);
      }
      this.moveTo(m, round);
    }
  }
}

/** The members of a bit set (`complement`: of its complement within 0..n-1), ascending. */
function bitsToList(b: Uint32Array, n: number, complement: boolean, size: number): Int32Array {
  const out = new Int32Array(size);
  let k = 0;
  for (let w = 0; w < b.length; w++) {
    let x = complement ? ~b[w]! : b[w]!;
    if (complement && w === b.length - 1 && (n & 31) !== 0) x &= (1 << (n & 31)) - 1;
    while (x !== 0) {
      const low = x & -x;
      out[k++] = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return out;
}

function popcount(b: Uint32Array): number {
  let c = 0;
  for (let w = 0; w < b.length; w++) {
    let x = b[w]! - ((b[w]! >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    c += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return c;
}

/** The members of a class set, or of its complement when that is smaller (either splits the same). */
const splitLists = new WeakMap<Uint32Array, Int32Array | null>();
function splitList(b: Uint32Array, n: number): Int32Array | null {
  let list = splitLists.get(b);
  if (list === undefined) {
    const size = popcount(b);
    // A set holding every class or none splits nothing.
    list = size === 0 || size === n ? null : size <= n - size ? bitsToList(b, n, false, size) : bitsToList(b, n, true, n - size);
    splitLists.set(b, list);
  }
  return list;
}

const memberLists = new WeakMap<Uint32Array, Int32Array>();
function memberList(b: Uint32Array, n: number): Int32Array {
  let list = memberLists.get(b);
  if (!list) {
    list = bitsToList(b, n, false, popcount(b));
    memberLists.set(b, list);
  }
  return list;
}

/** Runs a program for every peer class: once per group of classes its rules treat alike. */
function computeRow(u: ClassUniverse, steps: readonly Step[]): Int32Array {
  const n = u.count;
  const row = new Int32Array(n);
  const part = new Partition(n);
  const seen = new Set<Uint32Array>();
  for (const s of steps) {
    if (!s.cr) continue;
    for (const b of [s.peer, s.mask]) {
      if (!b || seen.has(b)) continue;
      seen.add(b);
      const list = splitList(b, n);
      if (list) part.split(list);
    }
  }
  for (const s of steps) {
    // Named ports on the peer's side: the connections depend on the peer class itself.
    if (s.cr && s.port < 0) part.splitBy(memberList(s.peer, n), (m) => peerPorts(u, s, m));
  }
  const result = new Int32Array(part.cells).fill(-1);
  const cellOf = part.cellOf;
  for (let p = 0; p < n; p++) {
    const c = cellOf[p]!;
    let id = result[c]!;
    if (id < 0) {
      id = run(u, steps, p);
      result[c] = id;
    }
    row[p] = id;
  }
  return row;
}

/** Which classes to recompute in an incremental update. */
export interface AffectedClasses {
  egress: ReadonlySet<number>;
  ingress: ReadonlySet<number>;
}

/**
 * Class-level results of one scope: for each policy-endpoint class, the connections its
 * egress side allows towards every peer class and its ingress side allows from every peer class.
 */
export class ClassEvaluation {
  /** Per class: row over destination classes (egress), or null when the class enforces nothing (blocks, host-networked pods). */
  readonly egress: (Int32Array | null)[];
  /** Per class: row over source classes (ingress), or null when nothing is enforced. */
  readonly ingress: (Int32Array | null)[];
  /** The universe's own-node sources per destination class (see `ClassUniverse.ownNode`). */
  private readonly ownNode: readonly (Uint32Array | null)[];

  /** Evaluates every class, or, given a previous evaluation, only the affected classes (others are shared). */
  constructor(readonly universe: ClassUniverse, readonly view: PolicyView, previous?: { evaluation: ClassEvaluation; affected: AffectedClasses }) {
    const u = universe;
    this.ownNode = u.ownNode;
    this.egress = previous ? previous.evaluation.egress.slice() : u.classes.map(() => null);
    this.ingress = previous ? previous.evaluation.ingress.slice() : u.classes.map(() => null);
    const rowFor = (c: number, dir: Direction) => {
      const { key, steps } = program(u, view, c, dir);
      let row = u.rows.get(key);
      if (!row) {
        row = computeRow(u, steps);
        u.rows.set(key, row);
      }
      return row;
    };
    const egress = previous ? previous.affected.egress : u.subjects;
    const ingress = previous ? previous.affected.ingress : u.subjects;
    for (const c of egress) this.egress[c] = rowFor(c, 'egress');
    for (const c of ingress) this.ingress[c] = rowFor(c, 'ingress');
  }

  /** Table id of the connections from class `a` to class `b` (egress at a AND ingress at b, SPEC §4.2), members distinct. */
  classPair(a: number, b: number): number {
    const e = this.egress[a];
    const out = e ? e[b]! : ALL;
    if (out === NONE) return NONE;
    const i = this.ingress[b];
    if (!i) return out;
    // SPEC §6.34: from the destination pod's own node, the ingress side always allows.
    const own = this.ownNode[b];
    if (own !== null && own !== undefined && has(own, a)) return out;
    const other = i[a]!;
    if (other === NONE || other === out || out === ALL) return other;
    return other === ALL ? out : this.universe.table.intersect(out, other);
  }
}

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
