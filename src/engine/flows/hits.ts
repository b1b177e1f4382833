import type { Session } from '../analysis';
import { connectionDecider, type ConnectionDecision } from '../explain/connection';
import type { DirectionDecision, Flow } from '../evaluate/trace';
import type { ClusterNode } from '../model/workspace';
import type { PolicyKind } from '../model/policy';
import type { FlowEnd, FlowRecord } from './records';
import { graphEnds, type GraphEnd } from './edges';
import { hitLenses, type HitLens } from './lenses';
import type { RecordSink } from './readers';

/**
 * Hit counts: every flow record replayed through the engine, in the enforced scope and in the
 * pending one (staged policies enforced too, SPEC §4.9): per policy and per rule, the flows
 * (and packets / bytes) each allowed, denied, passed or logged; the flows the staged set would
 * newly deny or newly allow; records whose ends match nothing in the workspace, kept and counted.
 */

export interface Tally { flows: number; packets: number; bytes: number }
export type ActionTallies = Record<'allow' | 'deny' | 'pass' | 'log', Tally>;

export interface RuleHits {
  direction: 'ingress' | 'egress';
  /** The rule's index as written; -1: the tier's end (no rule of the policy matched). */
  rule: number;
  enforced: ActionTallies;
  pending: ActionTallies;
}

export interface PolicyHits {
  tier: string;
  kind: PolicyKind;
  namespace?: string;
  name: string;
  enforced: ActionTallies;
  pending: ActionTallies;
  rules: RuleHits[];
}

export interface FlowImpact {
  /** The ends as resolved (a node id, a pod, an address), and where the graph draws them. */
  src: string;
  dst: string;
  srcEnd?: GraphEnd;
  dstEnd?: GraphEnd;
  protocol: number;
  port?: number;
  tally: Tally;
  /** Lines of the records behind it (the first few). */
  lines: number[];
}

/** The flows between two graph ends (pods where the records name one): the edge badges. */
export interface EdgeHits {
  src: GraphEnd;
  dst: GraphEnd;
  /** Every counted flow between them. */
  total: Tally;
  /** Of those, what the enforced set denies, and what the pending set (staged enforced too) denies. */
  enforcedDenied: Tally;
  pendingDenied: Tally;
  /** Allowed today, denied once the staged policies are enforced: what the draft would break. */
  newlyDenied: Tally;
  newlyAllowed: Tally;
}

export interface HitReport {
  records: number;
  /** Records counted once: the other end's copy of a connection logged at both ends is skipped. */
  counted: number;
  policies: PolicyHits[];
  /** Records an end of which the workspace has nothing for (kept, not evaluated). */
  unmatched: { tally: Tally; examples: { line: number; end: 'src' | 'dst'; what: string }[] };
  /**
   * The ends those records name, as graph nodes of their own (`unknown:<what>`, the first
   * {@link UNKNOWN_NODES_MAX}; the rest are `unknown:other`): their flows are drawn, not evaluated.
   * {@link edges} holds their flows, with nothing denied (nothing was decided).
   */
  unknownEnds: { id: string; label: string; flows: number }[];
  newlyDenied: FlowImpact[];
  newlyAllowed: FlowImpact[];
  edges: EdgeHits[];
  /** Every policy and rule of the workspace where it is written, with its counts (zero: unused). */
  lenses: HitLens[];
  /** Records whose own verdict differs from ours in the enforced scope (the workspace may not match the cluster). */
  disagreements: { line: number; recorded: string; ours: 'allow' | 'deny'; src: string; dst: string }[];
}

/** Past this many distinct unknown ends, the others share one node. */
export const UNKNOWN_NODES_MAX = 50;

const zero = (): Tally => ({ flows: 0, packets: 0, bytes: 0 });
const tallies = (): ActionTallies => ({ allow: zero(), deny: zero(), pass: zero(), log: zero() });
const add = (t: Tally, r: FlowRecord) => { t.flows += r.count; t.packets += r.packets ?? 0; t.bytes += r.bytes ?? 0; };
const sum = (t: Tally, u: Tally) => { t.flows += u.flows; t.packets += u.packets; t.bytes += u.bytes; };

/** What identifies an end for resolving it (domains do not: they describe an address). */
function endKey(e: FlowEnd): string {
  const labels = e.labels ? Object.keys(e.labels).sort().map((k) => `${k}=${e.labels![k]}`).join(',') : '';
  return `${e.type}|${e.namespace ?? ''}|${e.name ?? ''}|${e.workload ? `${e.workload.kind}/${e.workload.name}` : ''}|${e.ip ?? ''}|${e.scope ?? ''}|${labels}`;
}

/** A pod name pattern (`frontend-7d9c5b8f4-*`, or a name) as a test on pod names. */
function namePattern(name: string): (n: string) => boolean {
  if (!name.includes('*')) return (n) => n === name;
  const re = new RegExp(`^${name.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (n) => re.test(n);
}

/** The engine node (or pod) a flow end names, as a ref explainConnection accepts; null when nothing matches. */
export function resolveEnd(session: Session, end: FlowEnd): string | null {
  const nodes = session.workspace.nodes;
  if (end.type === 'workload' && end.namespace) {
    const inNs = nodes.filter((n): n is Extract<ClusterNode, { type: 'workload' }> => n.type === 'workload' && n.namespace === end.namespace);
    if (end.workload) {
      const w = inNs.find((n) => n.name === end.workload!.name && (n.workloadKind === end.workload!.kind || !end.workload!.kind));
      if (w) return end.name && w.endpoints.some((e) => e.name === end.name) ? `pod:${end.namespace}/${end.name}` : w.id;
    }
    if (end.name) {
      const test = namePattern(end.name);
      for (const n of inNs) {
        const ep = n.endpoints.find((e) => test(e.name));
        if (ep) return !end.name.includes('*') && n.endpoints.length > 1 ? `pod:${end.namespace}/${ep.name}` : n.id;
      }
      // Aggregated names of controller pods: `<workload>-<hash>-*`, `<workload>-*`.
      const stem = end.name.replace(/-\*$/, '').replace(/-[a-z0-9]{5,10}$/, '');
      const byStem = inNs.find((n) => n.name === stem || n.name === end.name!.replace(/-\*$/, ''));
      if (byStem) return byStem.id;
    }
    if (end.labels) {
      const want = Object.entries(end.labels).filter(([k]) => k !== 'pod-template-hash' && k !== 'controller-revision-hash');
      const w = want.length > 0 ? inNs.find((n) => want.every(([k, v]) => n.labels[k] === v)) : undefined;
      if (w) return w.id;
    }
    return null;
  }
  if (end.type === 'networkset' && end.name) {
    const ns = nodes.find((n) => n.type === 'networkset' && n.name === end.name && (n.namespace ?? undefined) === (end.namespace ?? n.namespace));
    if (ns) return ns.id;
  }
  if (end.ip) return end.ip;
  if (end.type === 'network' && end.scope === 'pub') return 'ext:internet';
  return null;
}

const describe = (end: FlowEnd) => [end.namespace, end.name ?? end.workload?.name ?? end.ip ?? end.scope ?? end.type].filter(Boolean).join('/');

function steps(d: DirectionDecision): { policy?: { kind: PolicyKind; namespace?: string; name: string; tier: string }; rule: number; action: keyof ActionTallies }[] {
  return d.steps.flatMap((st) => {
    if (st.kind === 'rule') return [{ policy: st.policy, rule: st.ruleIndex, action: st.action }];
    if (st.kind === 'end-of-tier') return [{ policy: st.policy, rule: -1, action: st.action }];
    return [];
  });
}

/**
 * Whether to count this record: a connection logged at both ends comes once from its source
 * (its egress) and once from its destination; the source's copy counts when the source is in
 * the cluster, the destination's otherwise (flow-formats.md §1, "use reporter").
 */
function counts(r: FlowRecord): boolean {
  if (r.reporter === undefined || r.reporter === 'fwd') return r.reporter === undefined;
  const srcInCluster = r.src.type === 'workload' || r.src.type === 'hostendpoint';
  return r.reporter === 'src' ? true : !srcInCluster;
}

/** Records summed by what decides them: the same ends, protocol, port, reporter and recorded verdict. */
export interface FlowGroups {
  records: number;
  counted: number;
  groups: { r: FlowRecord; srcKey: string; dstKey: string; tally: Tally; lines: number[] }[];
}

/**
 * Records repeat their keys (aggregation windows, one line per interval and node): they are
 * summed once, when a log is loaded, and each analysis decides the groups, not the records.
 */
export function groupFlows(records: readonly FlowRecord[]): FlowGroups {
  const g = flowGrouper();
  for (const r of records) g.push(r);
  return g.result();
}

/** {@link groupFlows} one record at a time, for a reader that does not keep its records. */
export function flowGrouper(): Required<RecordSink> & { result(): FlowGroups } {
  const groups = new Map<string, FlowGroups['groups'][number]>();
  // Raw keys already seen: the group their record went to, null when it is not counted (the
  // other end's copy), or the build's error.
  const seen = new Map<string, FlowGroups['groups'][number] | null | { error: string }>();
  let records = 0;
  let counted = 0;
  const place = (r: FlowRecord): FlowGroups['groups'][number] | null => {
    records++;
    if (!counts(r)) return null;
    counted++;
    const srcKey = endKey(r.src);
    const dstKey = endKey(r.dst);
    const key = `${srcKey}\u0001${dstKey}\u0001${r.protocol}\u0001${r.port ?? ''}\u0001${r.icmp?.type ?? ''}/${r.icmp?.code ?? ''}\u0001${r.reporter ?? ''}\u0001${r.recorded?.action ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { r, srcKey, dstKey, tally: zero(), lines: [] }));
    add(g.tally, r);
    if (g.lines.length < 5) g.lines.push(r.line);
    return g;
  };
  return {
    push(r) {
      place(r);
    },
    pushKeyed(rawKey, line, c, build) {
      const hit = seen.get(rawKey);
      if (hit === undefined) {
        const r = build();
        if ('error' in r) {
          seen.set(rawKey, r);
          return r.error;
        }
        seen.set(rawKey, place(r));
        return undefined;
      }
      if (hit !== null && 'error' in hit) return hit.error;
      records++;
      if (hit === null) return undefined;
      counted++;
      hit.tally.flows += c.count;
      hit.tally.packets += c.packets ?? 0;
      hit.tally.bytes += c.bytes ?? 0;
      if (hit.lines.length < 5) hit.lines.push(line);
      return undefined;
    },
    result: () => ({ records, counted, groups: [...groups.values()] }),
  };
}

/** Groups of several logs as one (a key in two logs stays two groups: both are counted). */
export function mergeFlowGroups(parts: readonly FlowGroups[]): FlowGroups {
  return { records: parts.reduce((n, p) => n + p.records, 0), counted: parts.reduce((n, p) => n + p.counted, 0), groups: parts.flatMap((p) => p.groups) };
}

export function countHits(session: Session, input: readonly FlowRecord[] | FlowGroups): HitReport {
  const flows = 'groups' in input ? input : groupFlows(input);
  const policies = new Map<string, PolicyHits>();
  const report: HitReport = { records: flows.records, counted: flows.counted, policies: [], unmatched: { tally: zero(), examples: [] }, unknownEnds: [], newlyDenied: [], newlyAllowed: [], edges: [], lenses: [], disagreements: [] };
  const impacts = { deny: new Map<string, FlowImpact>(), allow: new Map<string, FlowImpact>() };
  // Records aggregate heavily: one decision per distinct (ends, protocol, port, scope), one
  // resolution per distinct end.
  const deciders = { enforced: connectionDecider(session, 'enforced'), pending: connectionDecider(session, 'pending') };
  const cache = new Map<string, ConnectionDecision | { error: string }>();
  const explain = (src: string, dst: string, flow: Flow, scope: 'enforced' | 'pending') => {
    const key = `${scope}\u0000${src}\u0000${dst}\u0000${flow.protocol}\u0000${flow.port ?? ''}\u0000${flow.icmpType ?? ''}\u0000${flow.icmpCode ?? ''}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = deciders[scope](src, dst, flow)));
    return hit;
  };
  const ends = new Map<string, string | null>();
  const resolve = (end: FlowEnd, key: string) => {
    let ref = ends.get(key);
    if (ref === undefined) ends.set(key, (ref = resolveEnd(session, end)));
    return ref;
  };
  const staged = session.workspace.policies.some((p) => p.staged);
  const toGraph = graphEnds(session);
  const unknown = new Map<string, { id: string; label: string; flows: number }>();
  const unknownEnd = (end: FlowEnd, tally: Tally): GraphEnd => {
    const what = describe(end);
    let id = `unknown:${what}`;
    if (!unknown.has(id) && unknown.size >= UNKNOWN_NODES_MAX) id = 'unknown:other';
    let u = unknown.get(id);
    if (!u) unknown.set(id, (u = { id, label: id === 'unknown:other' ? 'other ends not in the workspace' : what, flows: 0 }));
    u.flows += tally.flows;
    return { node: id };
  };
  const edges = new Map<string, EdgeHits>();
  const edgeOf = (src: string, dst: string): EdgeHits | null => {
    const a = toGraph(src);
    const b = toGraph(dst);
    if (!a || !b) return null;
    const key = `${a.pod ?? a.node}\u0000${b.pod ?? b.node}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { src: a, dst: b, total: zero(), enforcedDenied: zero(), pendingDenied: zero(), newlyDenied: zero(), newlyAllowed: zero() }));
    return e;
  };
  for (const { r, srcKey, dstKey, tally, lines } of flows.groups) {
    const src = resolve(r.src, srcKey);
    const dst = resolve(r.dst, dstKey);
    if (!src || !dst) {
      sum(report.unmatched.tally, tally);
      if (report.unmatched.examples.length < 20) report.unmatched.examples.push({ line: r.line, end: src ? 'dst' : 'src', what: describe(src ? r.dst : r.src) });
      // Never dropped: an end the workspace lacks becomes an unknown node, its flows an edge.
      const a = src ? toGraph(src) : unknownEnd(r.src, tally);
      const b = dst ? toGraph(dst) : unknownEnd(r.dst, tally);
      if (a && b && (a.pod ?? a.node) !== (b.pod ?? b.node)) {
        const key = `${a.pod ?? a.node}\u0000${b.pod ?? b.node}`;
        let e = edges.get(key);
        if (!e) edges.set(key, (e = { src: a, dst: b, total: zero(), enforcedDenied: zero(), pendingDenied: zero(), newlyDenied: zero(), newlyAllowed: zero() }));
        sum(e.total, tally);
      }
      continue;
    }
    const flow: Flow = { protocol: r.protocol, ...(r.port !== undefined ? { port: r.port } : {}), ...(r.icmp?.type !== undefined ? { icmpType: r.icmp.type } : {}), ...(r.icmp?.code !== undefined ? { icmpCode: r.icmp.code } : {}) };
    const enforced = explain(src, dst, flow, 'enforced');
    const pending = staged ? explain(src, dst, flow, 'pending') : enforced;
    if ('error' in enforced || 'error' in pending) {
      sum(report.unmatched.tally, tally);
      if (report.unmatched.examples.length < 20) report.unmatched.examples.push({ line: r.line, end: 'src', what: 'error' in enforced ? enforced.error : (pending as { error: string }).error });
      continue;
    }
    for (const [scope, why] of [['enforced', enforced], ['pending', pending]] as const) {
      // A policy selecting both ends (a GNP, say) decides the flow twice: per rule each side
      // counts, the policy's own total counts the flow once per action.
      const once = new Set<string>();
      for (const d of [why.egress, why.ingress]) {
        for (const st of steps(d)) {
          if (!st.policy) continue;
          const key = `${st.policy.tier}\u0000${st.policy.kind}\u0000${st.policy.namespace ?? ''}\u0000${st.policy.name}`;
          let p = policies.get(key);
          if (!p) policies.set(key, (p = { tier: st.policy.tier, kind: st.policy.kind, ...(st.policy.namespace ? { namespace: st.policy.namespace } : {}), name: st.policy.name, enforced: tallies(), pending: tallies(), rules: [] }));
          if (!once.has(`${key}\u0000${st.action}`)) {
            once.add(`${key}\u0000${st.action}`);
            sum(p[scope][st.action], tally);
          }
          let rule = p.rules.find((x) => x.direction === d.direction && x.rule === st.rule);
          if (!rule) p.rules.push((rule = { direction: d.direction, rule: st.rule, enforced: tallies(), pending: tallies() }));
          sum(rule[scope][st.action], tally);
        }
      }
    }
    const edge = edgeOf(src, dst);
    if (edge) {
      sum(edge.total, tally);
      if (!enforced.allowed) sum(edge.enforcedDenied, tally);
      if (!pending.allowed) sum(edge.pendingDenied, tally);
      if (enforced.allowed !== pending.allowed) sum(pending.allowed ? edge.newlyAllowed : edge.newlyDenied, tally);
    }
    if (enforced.allowed !== pending.allowed) {
      const map = pending.allowed ? impacts.allow : impacts.deny;
      const key = `${src}\u0000${dst}\u0000${r.protocol}\u0000${r.port ?? ''}`;
      let imp = map.get(key);
      const srcEnd = toGraph(src);
      const dstEnd = toGraph(dst);
      if (!imp) map.set(key, (imp = { src, dst, ...(srcEnd ? { srcEnd } : {}), ...(dstEnd ? { dstEnd } : {}), protocol: r.protocol, ...(r.port !== undefined ? { port: r.port } : {}), tally: zero(), lines: [] }));
      sum(imp.tally, tally);
      for (const l of lines) if (imp.lines.length < 5) imp.lines.push(l);
    }
    // The log's verdict is its reporter's: the source's egress, the destination's ingress.
    const recorded = r.recorded?.action;
    const ours = r.reporter === 'src' ? enforced.egress.allowed : r.reporter === 'dst' ? enforced.ingress.allowed : enforced.allowed;
    if ((recorded === 'allow' || recorded === 'deny') && (recorded === 'allow') !== ours && report.disagreements.length < 200) {
      report.disagreements.push({ line: r.line, recorded, ours: ours ? 'allow' : 'deny', src, dst });
    }
  }
  report.policies = [...policies.values()].sort((a, b) => a.tier.localeCompare(b.tier) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name));
  for (const p of report.policies) p.rules.sort((a, b) => a.direction.localeCompare(b.direction) || a.rule - b.rule);
  report.newlyDenied = [...impacts.deny.values()].sort((a, b) => b.tally.flows - a.tally.flows);
  report.newlyAllowed = [...impacts.allow.values()].sort((a, b) => b.tally.flows - a.tally.flows);
  report.edges = [...edges.values()];
  report.unknownEnds = [...unknown.values()].sort((a, b) => a.id.localeCompare(b.id));
  report.lenses = hitLenses(session, report.policies);
  return report;
}
