/**
 * Connectivity cases: our allowed connections between every ordered pair of nodes, named the
 * way the case's `conventions` name them, against the case's `expected` rows.
 *
 * Naming (corpus README "Nodes per source"):
 * - `netpol-analyzer`: one node per owner, `ns/name[Kind]` (a pod with a ReplicaSet owner is
 *   `[ReplicaSet]`, a Deployment manifest `[Deployment]`, a bare pod `[Pod]`); address ranges
 *   `a.b.c.d-e.f.g.h[External]`. A node is never paired with itself.
 * - `nca`: one node per pod, `ns/pod`; a workload manifest becomes `ns/<workload>-1` and
 *   `-2` (NCA creates min(replicas, 2) identical pods), and of more than two identical listed
 *   pods of one workload only the first two are nodes; address ranges `a.b.c.d-e.f.g.h` or a
 *   single address. The two replicas of one manifest are distinct nodes and are paired.
 * - the ingress controller (when the inputs have an Ingress or Route) is `{ingress-controller}`
 *   under `netpol-analyzer` only: NCA cases bring their own simulated controller pod.
 *
 * External address ranges are compared address by address, never by range string: NCA splits
 * the address space differently for each pod and direction, and netpol-analyzer at its own
 * CIDR boundaries. For one internal node X and one direction (X -> outside, outside -> X):
 *   1. the expected rows of that node and direction are merged by pair (union of their
 *      connections: a tool may print one pair on several lines);
 *   2. the address space is cut at every edge of our blocks and of the expected ranges, giving
 *      elementary segments; each segment lies inside exactly one of our blocks, and inside or
 *      outside each expected range;
 *   3. for every segment, expected = union of the connections of the expected ranges that
 *      contain it (none when no range does), got = our connections between X and the block
 *      that contains it; they must be equal. A segment covered by an expected range but by
 *      none of our blocks (e.g. IPv6 while no policy mentions IPv6) fails the case.
 * This is exact: all addresses of a segment behave alike on both sides, so comparing one
 * representative per segment compares every address. Under `netpol-analyzer` only IPv4 exists
 * (the tool drops IPv6 CIDRs with a warning); under `nca` IPv6 exists when a policy mentions
 * it, which is also when our blocks include IPv6.
 */
import type { Conventions, EvaluationMember, HepMember, IngressControllerMember, MemberEvaluation, PodMember } from '../../engine';
import { ConnSet, formatConnSet } from '../../engine';
import { formatRange, IntervalSet, parseCidr, parseConnString, PROTO, universeOf, type IpRange } from '../../engine/net';
import { fail, type CaseFile, type CaseQuery, type ConnRow, type Outcome } from './cases';

/** An internal node as the case's conventions name it, with the pods it stands for. */
interface NamedNode {
  name: string;
  namespace: string;
  /** Names a focus option may use for this node: the workload name, and the pod name. */
  focusNames: string[];
  members: (PodMember | HepMember | IngressControllerMember)[];
}

/**
 * NCA's equivalence key of a pod listed in the workspace (its `Pod.canonical_form`): pods of
 * one workload with the same namespace and labels are interchangeable, and NCA keeps only the
 * first two of each such group as nodes. A bare pod is its own workload, so never merged; a
 * ReplicaSet whose name ends in a hex hash counts as its Deployment / StatefulSet.
 */
function ncaPodKey(m: PodMember): string | undefined {
  if (m.workloadKind === 'Pod') return undefined;
  let workload = `${m.workloadName}(${m.workloadKind})`;
  const dash = m.workloadName.lastIndexOf('-');
  if (m.workloadKind === 'ReplicaSet' && dash >= 0 && /^[0-9a-fA-F]*$/.test(m.workloadName.slice(dash + 1))) {
    workload = `${m.workloadName.slice(0, dash)}(Deployment-StatefulSet)`;
  }
  const labels = Object.entries(m.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([m.namespace, workload, labels]);
}

/**
 * NCA's equivalence key of a host endpoint (its `ClusterEP.canonical_form`): the first
 * profile, the other profiles sorted, the labels sorted. NCA keeps only the first two host
 * endpoints of each such group as nodes, exactly as for pods; a HEP key never equals a pod
 * key (those start with the namespace).
 */
function ncaHepKey(h: HepMember): string {
  const [first, ...rest] = h.profiles;
  const labels = Object.entries(h.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(['hep', first ?? null, [...rest].sort(), labels]);
}

/**
 * netpol-analyzer's name of a pod's node: a listed pod with a controlling ownerReference of
 * any kind but Node (static pods) is its owner, `[Pod]` when the reference has no kind; other
 * pods are their workload as we group them.
 */
function analyzerName(m: PodMember): string {
  const c = m.controller;
  if (c && c.kind !== 'Node') return `${m.namespace}/${c.name}[${c.kind || 'Pod'}]`;
  if (c) return `${m.namespace}/${m.name}[Pod]`;
  return `${m.namespace}/${m.workloadName}[${m.workloadKind}]`;
}

/**
 * Our internal nodes under a convention; `clash` names a node two different pods would both
 * get. Under `nca`, a workload manifest gives min(replicas, 2) pods and, of the listed pods
 * that NCA considers identical (see {@link ncaPodKey}), only the first two in input order are
 * nodes: the others do not exist in NCA's output, so they are not compared. The same holds
 * for host endpoints (see {@link ncaHepKey}).
 */
export function nameNodes(pods: readonly PodMember[], conv: Conventions, heps: readonly HepMember[] = [], ingress: IngressControllerMember | null = null): { nodes: Map<string, NamedNode>; clash?: string } {
  const nodes = new Map<string, NamedNode>();
  const seen = new Map<string, number>();
  let clash: string | undefined;
  /** Counts one more peer with this NCA key; true from the third on (NCA keeps only two). */
  const beyondTwo = (key: string) => {
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count >= 2;
  };
  const add = (name: string, m: PodMember, allowGroup: boolean) => {
    const n = nodes.get(name);
    if (n) {
      if (!allowGroup) clash ??= name;
      n.members.push(m);
      return;
    }
    nodes.set(name, { name, namespace: m.namespace, focusNames: [m.workloadName, m.name], members: [m] });
  };
  for (const m of pods) {
    if (conv === 'netpol-analyzer') add(analyzerName(m), m, true);
    else if (m.template) {
      for (let i = 1; i <= Math.min(m.replicas, 2); i++) add(`${m.namespace}/${m.workloadName}-${i}`, m, false);
    } else {
      const key = ncaPodKey(m);
      if (key !== undefined && beyondTwo(key)) continue;
      add(`${m.namespace}/${m.name}`, m, false);
    }
  }
  // Host endpoints are named by their resource name under both conventions (no namespace).
  // Under `nca`, of more than two identical host endpoints only the first two are nodes.
  for (const h of heps) {
    if (conv === 'nca' && beyondTwo(ncaHepKey(h))) continue;
    if (nodes.has(h.name)) clash ??= h.name;
    else nodes.set(h.name, { name: h.name, namespace: '', focusNames: [h.name], members: [h] });
  }
  if (ingress && conv === 'netpol-analyzer') {
    const name = `{${ingress.name}}`;
    if (nodes.has(name)) clash ??= name;
    else nodes.set(name, { name, namespace: ingress.namespace, focusNames: [ingress.name], members: [ingress] });
  }
  return { nodes, clash };
}

/** `a.b.c.d-e.f.g.h`, a single address, or a CIDR. */
export function parseAddressRange(text: string): IpRange | undefined {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const r = parseCidr(text);
    return 'error' in r ? undefined : r;
  }
  const lo = parseCidr(text.slice(0, dash));
  const hi = parseCidr(text.slice(dash + 1));
  if ('error' in lo || 'error' in hi || lo.v !== hi.v || lo.lo > hi.hi) return undefined;
  return { v: lo.v, lo: lo.lo, hi: hi.hi };
}

type Ref = { kind: 'internal'; name: string } | { kind: 'external'; range: IpRange };

/** Classifies an expected node name: `node_types` first, else by shape. */
function classify(name: string, conv: Conventions, types: Record<string, string> | undefined): Ref | { error: string } {
  const type = types?.[name];
  const ext = conv === 'netpol-analyzer' ? /^(.*)\[External\]$/.exec(name)?.[1] : name;
  if (type === 'ip-block' || (type === undefined && ext !== undefined)) {
    const r = ext === undefined ? undefined : parseAddressRange(ext);
    if (r) return { kind: 'external', range: r };
    if (type === 'ip-block') return { error: `expected ip-block '${name}' is not an address range` };
  }
  return { kind: 'internal', name };
}

const show = (c: ConnSet, conv: Conventions) => formatConnSet(c, conv, true);

/** The focus options of a netpol-analyzer query as a pair filter and a connection transform. */
function focusOf(q: CaseQuery): { keep: (src: NamedNode | null, dst: NamedNode | null) => boolean; conn: (c: ConnSet) => ConnSet } | { error: string } {
  const matches = (n: NamedNode | null, list: string[]) => n !== null && list.some((f) => {
    const plain = f.replace(/\[[^\]]*\]$/, '');
    const slash = plain.indexOf('/');
    if (slash < 0) return n.focusNames.includes(plain);
    return n.namespace === plain.slice(0, slash) && n.focusNames.includes(plain.slice(slash + 1));
  });
  const fw = q.focus_workload;
  const peer = q.focus_workload_peer;
  const dir = q.focus_direction;
  const keep = (src: NamedNode | null, dst: NamedNode | null) => {
    if (!fw || fw.length === 0) return true;
    const side = (focus: NamedNode | null, other: NamedNode | null) => matches(focus, fw) && (!peer || peer.length === 0 || matches(other, peer));
    if (dir === 'egress') return side(src, dst);
    if (dir === 'ingress') return side(dst, src);
    return side(src, dst) || side(dst, src);
  };
  let conn = (c: ConnSet) => c;
  if (q.focus_conn !== undefined) {
    const m = /^(tcp|udp|sctp)-(\d+)$/i.exec(q.focus_conn);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535) return { error: `focus_conn '${q.focus_conn}' is not protocol-port` };
    const proto = { tcp: PROTO.TCP, udp: PROTO.UDP, sctp: PROTO.SCTP }[m[1]!.toLowerCase() as 'tcp' | 'udp' | 'sctp'];
    const f = ConnSet.ports(proto, IntervalSet.point(port));
    conn = (c: ConnSet) => (f.isSubsetOf(c) ? f : ConnSet.none());
  }
  return { keep, conn };
}

interface Diff {
  src: string;
  dst: string;
  expected: ConnSet;
  got: ConnSet;
  mixed: boolean;
}

/** Checks one connectivity case against the evaluation of its inputs. */
export function checkConnectivity(c: CaseFile, ev: MemberEvaluation, ignoredKinds: string[]): Outcome {
  const conv = c.conventions;
  if (conv !== 'nca' && conv !== 'netpol-analyzer') return fail('case has no conventions', `conventions is ${JSON.stringify(conv)}; expected "nca" or "netpol-analyzer"`);
  const universe = universeOf(conv);
  const focus = focusOf(c.query ?? { kind: 'connectivity' });
  if ('error' in focus) return fail('bad focus option', focus.error);
  const { nodes, clash } = nameNodes(ev.pods, conv, ev.heps, ev.ingressController);
  if (clash !== undefined) return fail('node name clash', `two of our pods are both named '${clash}' under the ${conv} conventions`);

  // 1. Expected rows, parsed, classified and merged by pair.
  const internal = new Map<string, ConnSet>();
  const external = new Map<string, { range: IpRange; conn: ConnSet }[]>();
  const missing = new Map<string, string>();
  for (const raw of (c.expected ?? []) as ConnRow[]) {
    const parsed = parseConnString(raw.conn, conv, raw.conn_struct);
    if (!(parsed instanceof ConnSet)) {
      if (parsed.unsupported) return fail('expected conn needs L7 (hosts/paths/methods)', `${raw.src} -> ${raw.dst}: '${raw.conn}' (not modelled)`);
      return fail('bad expected conn', `${raw.src} -> ${raw.dst}: '${raw.conn}': ${parsed.error}`);
    }
    const s = classify(raw.src, conv, c.node_types);
    const d = classify(raw.dst, conv, c.node_types);
    if ('error' in s) return fail('bad expected node', s.error);
    if ('error' in d) return fail('bad expected node', d.error);
    for (const r of [s, d]) if (r.kind === 'internal' && !nodes.has(r.name)) missing.set(r.name, c.node_types?.[r.name] ?? 'unknown type');
    if (s.kind === 'internal' && d.kind === 'internal') {
      const key = `${s.name}\u0000${d.name}`;
      internal.set(key, (internal.get(key) ?? ConnSet.none()).union(parsed));
    } else if (s.kind === 'external' && d.kind === 'external') {
      return fail('external-to-external pair expected', `${raw.src} -> ${raw.dst}: nothing is evaluated between two outside addresses`);
    } else {
      const key = s.kind === 'internal' ? `${s.name}\u0000out` : `${(d as { name: string }).name}\u0000in`;
      const range = s.kind === 'external' ? s.range : (d as { range: IpRange }).range;
      let list = external.get(key);
      if (!list) external.set(key, (list = []));
      list.push({ range, conn: parsed });
    }
  }
  if (missing.size > 0) {
    const [name, type] = [...missing][0]!;
    const more = missing.size > 1 ? ` (+${missing.size - 1} more: ${[...new Set(missing.values())].join(', ')})` : '';
    return fail(`missing node: ${type}`, `expected node '${name}' (${type}) is not one of ours${more}`);
  }

  // Our side, aggregated over the members of a named node: every member pair must agree.
  const between = (src: readonly EvaluationMember[], dst: readonly EvaluationMember[], keep: boolean) => {
    let all: ConnSet | null = null;
    let some = ConnSet.none();
    for (const a of src) {
      for (const b of dst) {
        const x = ev.allowed(a, b).intersect(universe);
        all = all ? all.intersect(x) : x;
        some = some.union(x);
      }
    }
    const got = keep ? focus.conn(all ?? ConnSet.none()) : ConnSet.none();
    return { got, mixed: keep && !focus.conn(some).equals(got) };
  };

  const diffs: Diff[] = [];
  const names = [...nodes.keys()].sort();
  // 2. Internal pairs: every ordered pair of distinct named nodes.
  for (const a of names) {
    for (const b of names) {
      if (a === b) continue;
      const na = nodes.get(a)!;
      const nb = nodes.get(b)!;
      const { got, mixed } = between(na.members, nb.members, focus.keep(na, nb));
      const expected = internal.get(`${a}\u0000${b}`) ?? ConnSet.none();
      if (mixed || !got.equals(expected)) diffs.push({ src: a, dst: b, expected, got, mixed });
    }
  }
  // 3. Internal node <-> outside, address by address (see the module comment).
  // netpol-analyzer models IPv4 only (it warns about and drops IPv6 CIDRs): no IPv6 node exists there.
  const blocks = conv === 'netpol-analyzer' ? ev.blocks.filter((b) => b.block.v === 4) : ev.blocks;
  const blockList = blocks.map((b) => b.block);
  for (const a of names) {
    const na = nodes.get(a)!;
    for (const dir of ['out', 'in'] as const) {
      const rows = external.get(`${a}\u0000${dir}`) ?? [];
      const keep = dir === 'out' ? focus.keep(na, null) : focus.keep(null, na);
      for (const { seg, block, expected } of sweep(blockList, rows)) {
        const segName = conv === 'netpol-analyzer' ? `${formatRange(seg)}[External]` : formatRange(seg);
        if (block < 0) {
          if (!expected.isEmpty()) return fail('missing node: ip-block', `expected addresses ${formatRange(seg)} are outside our address space (IPv${seg.v} is not modelled here)`);
          continue;
        }
        const member = blocks[block]!;
        const r = dir === 'out' ? between(na.members, [member], keep) : between([member], na.members, keep);
        const [src, dst] = dir === 'out' ? [a, segName] : [segName, a];
        if (r.mixed || !r.got.equals(expected)) diffs.push({ src, dst, expected, got: r.got, mixed: r.mixed });
      }
    }
  }
  if (diffs.length === 0) return { status: 'pass' };
  const d = diffs[0]!;
  const ignored = ignoredKinds.length > 0 ? ` [inputs the engine ignores: ${ignoredKinds.join(', ')}]` : '';
  const what = d.mixed ? `${show(d.got, conv)} for some members only` : show(d.got, conv);
  const category = d.expected.isEmpty() ? 'extra connections' : d.got.isEmpty() ? 'missing connections' : 'different connections';
  return fail(
    `${category}${ignored}`,
    `${diffs.length} pair(s) differ; first: ${d.src} -> ${d.dst}: expected '${show(d.expected, conv)}', got '${what}'`,
  );
}

const cmp = (x: bigint, y: bigint) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Steps 2-3 of the module comment in one pass: the elementary segments of the address space
 * cut at every edge of `blocks` and of the expected `rows`, for every IP version either
 * mentions, in address order; each with the index of our block holding it (-1: none) and the
 * union of the connections of the rows containing it. Linear in segments + rows (+ overlaps).
 */
function* sweep(blocks: readonly IpRange[], rows: readonly { range: IpRange; conn: ConnSet }[]): Generator<{ seg: IpRange; block: number; expected: ConnSet }> {
  for (const v of [4, 6] as const) {
    const bs = blocks.map((b, i) => ({ b, i })).filter((x) => x.b.v === v).sort((x, y) => cmp(x.b.lo, y.b.lo));
    const rs = rows.filter((r) => r.range.v === v).sort((x, y) => cmp(x.range.lo, y.range.lo));
    if (bs.length === 0 && rs.length === 0) continue;
    const max = v === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    const cuts = new Set<bigint>([0n, max + 1n]);
    for (const { b } of bs) cuts.add(b.lo).add(b.hi + 1n);
    for (const { range } of rs) cuts.add(range.lo).add(range.hi + 1n);
    const sorted = [...cuts].sort(cmp);
    let bi = 0;
    let ri = 0;
    let active: { range: IpRange; conn: ConnSet }[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const seg: IpRange = { v, lo: sorted[i]!, hi: sorted[i + 1]! - 1n };
      while (bi < bs.length && bs[bi]!.b.hi < seg.lo) bi++;
      const cur = bs[bi];
      const block = cur && cur.b.lo <= seg.lo && seg.hi <= cur.b.hi ? cur.i : -1;
      while (ri < rs.length && rs[ri]!.range.lo <= seg.lo) active.push(rs[ri++]!);
      active = active.filter((r) => r.range.hi >= seg.hi);
      let expected = ConnSet.none();
      for (const r of active) expected = expected.union(r.conn);
      yield { seg, block, expected };
    }
  }
}
