/**
 * Class-level evaluation of one scope. For each policy-endpoint class and direction, the
 * applicable rules ({@link PolicyView}) are compiled into a "program" (tiers, rules, profiles);
 * the program is run once per group of peer classes that its rules cannot tell apart (see
 * ./partition.ts), giving a row of interned connection sets over every peer class. A class
 * pair is then egress row ∩ ingress row (SPEC §4.2); ./connectivity.ts folds class pairs into
 * pairs of graph nodes.
 */
import type { Direction, Policy, Tier } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { orderPolicies, type ApplicableTiers, type OrderedTier, type Scope } from '../evaluate/order';
import type { ClassUniverse } from './classes';
import { ALL_ID, NONE_ID } from './conntable';
import { memberList, Partition, splitList } from './partition';
import type { CompiledRule } from './rules';

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
