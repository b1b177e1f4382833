/**
 * Equivalence classes of peers. Two endpoints that no selector, port or CIDR of the workspace
 * can tell apart are evaluated identically (as a policy subject and as a peer), so the
 * evaluator works on classes and expands to graph nodes afterwards.
 *
 * A class key is made of what evaluation can observe (SPEC §3.3-§3.5, §4.3, §4.5):
 * - kind: a policy endpoint (pod / HEP), a host-networked pod (its node's address, no
 *   owners, SPEC §6.33), or an outside address block;
 * - namespace; the effective values (own + profile-derived labels, SPEC §1.8) of only the
 *   label keys that some policy selector or rule selector mentions;
 * - the profiles that carry rules, with those rules;
 * - declared named ports whose name some rule uses;
 * - the position of each address relative to every CIDR of rules and network sets (which
 *   "coarse" block of the address space split at those CIDRs it falls in); network-set
 *   co-ownership (the `owners` of SPEC §3.3's IP-set semantics) follows from it.
 *
 * Outside blocks are classed by coarse block: every address inside one coarse block is in
 * the same rule CIDRs and network sets.
 */
import type { Endpoint, Profile } from '../model/endpoint';
import type { EntityMatch, Policy, Rule } from '../model/policy';
import type { ClusterNode, Workspace } from '../model/workspace';
import { formatConnSet, type ConnSet, type ConnSetJSON } from '../net';
import { splitAddressSpace, type IpRange } from '../net/ip';
import { selectorLabelKeys, type SelectorNode } from '../selector';
import { namedPortEndpoint, peerIpVersion, sideMatchesPeer, type Peer } from '../evaluate/peer';
import { endpointProfiles } from '../evaluate/profiles';
import { dependsOnDestination, hasNamedPorts, ruleConnections } from '../evaluate/symbolic';
import { serviceKey } from '../model/service';
import { fromOwnNode } from '../evaluate/nodelocal';
import { emptyBits, fullBits, setBit } from './bitset';
import { ConnTable } from './conntable';
import { buildPeerUniverse, type PeerUniverse } from './peers';

/** What a class stands for. */
export type ClassKind = 'endpoint' | 'host' | 'block';

/** One class of peers; `rep` evaluates exactly like every other member. */
export interface PeerClass {
  id: number;
  kind: ClassKind;
  rep: Peer;
  ipv: 4 | 6 | undefined;
  /** Endpoint classes: the representative's profiles (rules consulted after the tiers). */
  profiles: Profile[];
}

/** The workspace facts that decide how endpoints are classed; equal keys, equal classes. */
export interface ClassFeatures {
  labelKeys: string[];
  portNames: string[];
  /** Services (`namespace/name`) that some rule's services match names (SPEC §3.6). */
  services: string[];
  ranges: IpRange[];
  versions: (4 | 6)[];
  key: string;
}

/** A rule prepared for class-level evaluation: which classes each side matches, and its connections. */
export interface CompiledRule {
  uid: number;
  rule: Rule;
  /** Classes the source side matches (SPEC §3.2 step 4 without ports). */
  src: Uint32Array;
  /** Classes the destination side matches. */
  dst: Uint32Array;
  /** Table id of the protocol/port set when it depends on neither end; -1 with named ports or a destination services match. */
  ports: number;
  /** Named ports on the source side: the set depends on the source class (SPEC §3.5). */
  srcNamed: boolean;
  /** Named ports on the destination side: the set depends on the destination class. */
  dstNamed: boolean;
  /** With named ports on one side: the set per class of that side (-1: not computed yet). */
  portIds: Int32Array | null;
  /** With named ports or services: the set per port signature of the side(s) it depends on (see `portsFor`). */
  portsBySignature?: Map<string, number>;
}

/** Graph nodes grouped by their member classes. */
export interface NodeGroups {
  /** Node index (in `ws.nodes`) → group. */
  groupOf: Int32Array;
  /** Group → its member classes, ascending. */
  groups: (readonly number[])[];
  /** Group → its class when it has exactly one, else -1. */
  single: Int32Array;
}

const NO_CLASSES: readonly number[] = [];

const keysOfAst = new WeakMap<SelectorNode, readonly string[]>();
function labelKeysOf(ast: SelectorNode): readonly string[] {
  let k = keysOfAst.get(ast);
  if (!k) {
    k = selectorLabelKeys(ast);
    keysOfAst.set(ast, k);
  }
  return k;
}

const rangeText = (r: IpRange) => `${r.v}:${r.lo.toString(16)}:${r.hi.toString(16)}`;

function compareRanges(a: IpRange, b: IpRange): number {
  if (a.v !== b.v) return a.v - b.v;
  if (a.lo !== b.lo) return a.lo < b.lo ? -1 : 1;
  return a.hi === b.hi ? 0 : a.hi < b.hi ? -1 : 1;
}

/** The features one policy (or profile) contributes: label keys, named-port names and CIDRs (by text). */
interface OwnFeatures {
  labels: readonly string[];
  ports: readonly string[];
  ranges: ReadonlyMap<string, IpRange>;
  services: readonly string[];
}

function ownFeatures(selector: SelectorNode | null, rules: readonly Rule[]): OwnFeatures {
  const labels = new Set<string>();
  const ports = new Set<string>();
  const ranges = new Map<string, IpRange>();
  const services = new Set<string>();
  const addKeys = (ast: SelectorNode | undefined | null) => {
    if (ast) for (const k of labelKeysOf(ast)) labels.add(k);
  };
  const addRanges = (rs: readonly IpRange[] | undefined) => {
    if (rs) for (const r of rs) ranges.set(rangeText(r), r);
  };
  addKeys(selector);
  for (const rule of rules) {
    for (const side of [rule.source, rule.destination]) {
      addKeys(side.positive?.ast);
      addKeys(side.negative?.ast);
      addRanges(side.nets);
      addRanges(side.notNets);
      if (side.services) services.add(serviceKey(side.services));
      for (const list of [side.ports, side.notPorts]) if (list) for (const p of list) if (p.kind === 'named') ports.add(p.name);
    }
  }
  return { labels: [...labels], ports: [...ports], ranges, services: [...services] };
}

const featuresOfPolicy = new WeakMap<Policy, OwnFeatures>();
function policyFeatures(p: Policy): OwnFeatures {
  let f = featuresOfPolicy.get(p);
  if (!f) {
    f = ownFeatures(p.selector.ast, [...p.ingress, ...p.egress]);
    featuresOfPolicy.set(p, f);
  }
  return f;
}

/** The features of the workspace's profiles and network sets (what policy edits never change). */
function fixedFeatures(ws: Workspace): OwnFeatures {
  const own = ownFeatures(null, [...ws.profiles.values()].flatMap((p) => [...p.ingress, ...p.egress]));
  const ranges = new Map(own.ranges);
  for (const s of ws.networkSets) for (const r of s.nets) ranges.set(rangeText(r), r);
  return { ...own, ranges };
}

/** Collects the facts of {@link ClassFeatures} from the policies, profiles and network sets. */
export function classFeatures(ws: Workspace): ClassFeatures {
  const labels = new Set<string>();
  const ports = new Set<string>();
  const ranges = new Map<string, IpRange>();
  const services = new Set<string>();
  for (const f of [fixedFeatures(ws), ...ws.policies.map(policyFeatures)]) {
    for (const k of f.services) services.add(k);
    for (const k of f.labels) labels.add(k);
    for (const n of f.ports) ports.add(n);
    for (const [t, r] of f.ranges) ranges.set(t, r);
  }
  const versions: (4 | 6)[] = ws.cidrs.some((c) => c.v === 6) ? [4, 6] : [4];
  const labelKeys = [...labels].sort();
  const portNames = [...ports].sort();
  const sorted = [...ranges.values()].sort(compareRanges);
  const serviceKeys = [...services].sort();
  const key = JSON.stringify([labelKeys, portNames, sorted.map(rangeText), versions, serviceKeys]);
  return { labelKeys, portNames, services: serviceKeys, ranges: sorted, versions, key };
}

/**
 * How many policies (plus the fixed profiles and network sets) contribute each feature, so
 * that a policy edit can tell in O(edit) whether the set of features, hence the classes,
 * changes. Updated in place along an editing history; `of` names the policy list it counts.
 */
export class FeatureCounts {
  private readonly counts = new Map<string, number>();
  of: readonly Policy[];

  constructor(ws: Workspace) {
    this.of = ws.policies;
    this.add(fixedFeatures(ws), 1);
    for (const p of ws.policies) this.add(policyFeatures(p), 1);
  }

  /** Adds (delta 1) or removes (delta -1) one contributor; true when a feature appeared or vanished. */
  private add(f: OwnFeatures, delta: 1 | -1): boolean {
    let changed = false;
    const bump = (key: string) => {
      const n = (this.counts.get(key) ?? 0) + delta;
      if (n === 0 || (n === 1 && delta === 1)) changed = true;
      if (n === 0) this.counts.delete(key);
      else this.counts.set(key, n);
    };
    for (const k of f.labels) bump(`l${k}`);
    for (const k of f.ports) bump(`p${k}`);
    for (const k of f.ranges.keys()) bump(`r${k}`);
    for (const k of f.services) bump(`s${k}`);
    return changed;
  }

  /** Moves the counts to the policy list `policies` (the old one minus `removed`, plus `added`); true when the features differ. */
  apply(removed: readonly Policy[], added: readonly Policy[], policies: readonly Policy[]): boolean {
    let changed = false;
    for (const p of removed) if (this.add(policyFeatures(p), -1)) changed = true;
    for (const p of added) if (this.add(policyFeatures(p), 1)) changed = true;
    this.of = policies;
    return changed;
  }
}

/** A necessary condition of a selector: label `k` present, with one of `values` when given. */
interface Constraint {
  k: string;
  values: readonly string[] | null;
}

function constraintsOf(ast: SelectorNode, out: Constraint[]): Constraint[] {
  switch (ast.kind) {
    case 'eq': out.push({ k: ast.label, values: [ast.value] }); break;
    case 'in': out.push({ k: ast.label, values: ast.values }); break;
    case 'has': out.push({ k: ast.label, values: null }); break;
    case 'and': for (const e of ast.exprs) constraintsOf(e, out); break;
    default: break;
  }
  return out;
}

function sideKey(side: EntityMatch): string {
  return JSON.stringify([
    side.positive ? side.positive.ast : null, side.negative ? side.negative.ast : null,
    side.nets ? side.nets.map(rangeText) : null, side.notNets ? side.notNets.map(rangeText) : null,
    side.services ? serviceKey(side.services) : null,
  ]);
}

/**
 * The classes of one workspace's peers, with per-class caches that outlive policy edits: the
 * classes depend only on {@link ClassFeatures}, so a workspace whose policies changed but whose
 * features did not reuses its universe (and every rule side and selection already computed).
 */
export class ClassUniverse {
  readonly classes: PeerClass[] = [];
  /** Ids of the policy-endpoint classes (pods with a workload endpoint, HEPs): the only policy subjects. */
  readonly subjects: number[] = [];
  readonly peers: PeerUniverse;
  /** Interned connection sets shared by every evaluation over this universe. */
  readonly table = new ConnTable();
  /** Rows of direction programs by program key (see ./connectivity.ts), shared by scopes and policy edits. */
  readonly rows = new Map<string, Int32Array>();

  private readonly coarse: IpRange[];
  private readonly coarseBase: number;
  private readonly versionSpan = new Map<4 | 6, [number, number]>();
  private readonly ofEndpoint = new Map<Endpoint, number>();
  private readonly ofNode = new Map<string, readonly number[]>();
  private readonly netsetOwned: number[] = [];
  private readonly labelIndex = new Map<string, Map<string | undefined, number[]>>();
  private readonly sides = new Map<string, Uint32Array>();
  private readonly sideOfMatch = new WeakMap<EntityMatch, Uint32Array>();
  private readonly selections = new Map<Policy, Int32Array>();
  private readonly compiledRules = new WeakMap<Rule, CompiledRule>();
  private readonly ipvMasks = new Map<string, Uint32Array>();
  private readonly constraintLists = new Map<string, readonly number[]>();
  /** Per class: an id of what CIDR tests see of it (its kind and addresses' positions). */
  private readonly addressOf: number[] = [];
  /** Per class: an id of its relevant named-port declarations (equal declarations, equal ids). */
  private readonly portSignature: number[] = [];
  /**
   * Per class: for a pod class whose node is known, the classes that are that node (SPEC §6.34:
   * their traffic to the pod is allowed on the ingress side); null otherwise.
   */
  readonly ownNode: (Uint32Array | null)[] = [];
  /** Per class: an id of what the referenced Services' EndpointSlices give its address (SPEC §3.6). */
  private readonly serviceSignature: number[] = [];
  private nextRuleUid = 0;
  private grouping: NodeGroups | undefined;
  private readonly texts: string[] = [];
  private readonly jsons: ConnSetJSON[] = [];
  private all: Uint32Array;

  constructor(readonly ws: Workspace, readonly features: ClassFeatures = classFeatures(ws)) {
    this.peers = buildPeerUniverse(ws);
    // SPEC §3.6: the backend addresses of referenced Services are tested like CIDRs.
    const backendRanges = features.services.flatMap((k) => (ws.endpointSlices.get(k) ?? []).flatMap((e) => e.addresses));
    // SPEC §6.34: node addresses are sources with a rule of their own.
    const endpoints = ws.nodes.flatMap((n) => (n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : []));
    const nodeRanges = [...new Map(endpoints.flatMap((e) => e.node?.ips ?? []).map((r) => [rangeText(r), r])).values()];
    this.coarse = splitAddressSpace([...features.ranges, ...backendRanges, ...nodeRanges], features.versions);
    const nodeKey = (ep: Endpoint) => (ep.node ? `${ep.node.name ?? ''}@${ep.node.ips.map(rangeText).join(',')}` : '');
    const referenced = features.services;
    const backsKey = (p: Peer) => (p.backs ? referenced.map((k) => { const c = p.backs!.get(k); return c ? `${k}=${JSON.stringify(c.toJSON())}` : ''; }).join('|') : '');
    this.coarse.forEach((b, i) => {
      const span = this.versionSpan.get(b.v);
      if (span) span[1] = i + 1;
      else this.versionSpan.set(b.v, [i, i + 1]);
    });
    const relevantPorts = new Set(features.portNames);
    const profileCache = new Map<string, { key: string; profiles: Profile[] }>();
    const ruleListIds = new Map<readonly Rule[], number>();
    const listId = (rules: readonly Rule[]) => {
      if (rules.length === 0) return 0;
      let id = ruleListIds.get(rules);
      if (id === undefined) {
        id = ruleListIds.size + 1;
        ruleListIds.set(rules, id);
      }
      return id;
    };
    const profilesOf = (ep: Endpoint) => {
      const name = ep.profiles.join('\n');
      let hit = profileCache.get(name);
      if (!hit) {
        const profiles = endpointProfiles(ws, ep);
        // Profiles without rules never decide (SPEC §4.5); their labels are in the effective labels.
        const key = profiles.filter((p) => p.ingress.length + p.egress.length > 0).map((p) => `${p.name}:${listId(p.ingress)}:${listId(p.egress)}`).join('\n');
        hit = { key, profiles };
        profileCache.set(name, hit);
      }
      return hit;
    };
    const ipKey = (ep: Endpoint) => {
      const parts = new Set(ep.ips.map((ip) => `${ip.v}:${this.coarseIndex(ip.v, ip.lo)}:${this.coarseIndex(ip.v, ip.hi)}`));
      return `${ep.ips[0]?.v ?? '-'}|${[...parts].sort().join(',')}`;
    };
    const byKey = new Map<string, number>();
    const signatures = new Map<string, number>();
    const addresses = new Map<string, number>();
    const services = new Map<string, number>();
    const add = (kind: ClassKind, rep: Peer, profiles: Profile[], ports: string, address: string) => {
      const id = this.classes.length;
      this.classes.push({ id, kind, rep, ipv: peerIpVersion(rep), profiles });
      let sig = signatures.get(ports);
      if (sig === undefined) {
        sig = signatures.size;
        signatures.set(ports, sig);
      }
      this.portSignature.push(sig);
      const svcText = backsKey(rep);
      let svc = services.get(svcText);
      if (svc === undefined) {
        svc = services.size;
        services.set(svcText, svc);
      }
      this.serviceSignature.push(svc);
      let a = addresses.get(address);
      if (a === undefined) {
        a = addresses.size;
        addresses.set(address, a);
      }
      this.addressOf.push(a);
      if (kind === 'endpoint') this.subjects.push(id);
      if (rep.owners.length > (kind === 'endpoint' ? 1 : 0)) this.netsetOwned.push(id);
      return id;
    };
    for (const node of ws.nodes) {
      const eps = node.type === 'workload' ? node.endpoints : node.type === 'hostendpoint' ? [node.endpoint] : [];
      for (const ep of eps) {
        let key: string;
        let prof: { key: string; profiles: Profile[] } | undefined;
        let ports = '';
        const svc = backsKey(this.peers.endpoint(ep));
        if (ep.hostNetwork) key = JSON.stringify(['host', ipKey(ep), svc, nodeKey(ep)]);
        else {
          prof = profilesOf(ep);
          const values = features.labelKeys.map((k) => ep.labels(k) ?? null);
          ports = [...new Set(ep.namedPorts.filter((p) => relevantPorts.has(p.name)).map((p) => `${p.name}/${p.protocol}/${p.port}`))].sort().join(',');
          key = JSON.stringify([ep.kind, ep.namespace, values, prof.key, ports, ipKey(ep), svc, nodeKey(ep)]);
        }
        let id = byKey.get(key);
        if (id === undefined) {
          id = add(ep.hostNetwork ? 'host' : 'endpoint', this.peers.endpoint(ep), prof?.profiles ?? [], ports, `${ep.hostNetwork ? 'H' : 'E'}${ipKey(ep)}`);
          byKey.set(key, id);
        }
        this.ofEndpoint.set(ep, id);
      }
    }
    this.coarseBase = this.classes.length;
    this.coarse.forEach((block, i) => {
      const rep: Peer = { type: 'block', block, owners: this.peers.setsContaining(block).map((s) => s.labels) };
      const backs = this.peers.backsOf([block]);
      if (backs) rep.backs = backs;
      add('block', rep, [], '', `B${i}`);
    });
    this.all = fullBits(this.classes.length);
    this.classifyNodes();
    this.findOwnNodes(nodeRanges);
  }

  /**
   * Forgets cached rows that no evaluation in `inUse` refers to, once stale ones (left by
   * policy edits) outnumber the classes; sessions that still hold a row keep it.
   */
  pruneRows(inUse: readonly (readonly (Int32Array | null)[])[]): void {
    if (this.rows.size <= 2 * this.count + 64) return;
    const keep = new Set<Int32Array>();
    for (const rows of inUse) for (const r of rows) if (r) keep.add(r);
    for (const [key, row] of this.rows) if (!keep.has(row)) this.rows.delete(key);
  }

  /** How many classes there are. */
  get count(): number {
    return this.classes.length;
  }

  /** The coarse block (index into `coarse`) holding address `x` of version `v`. */
  private coarseIndex(v: 4 | 6, x: bigint): number {
    const [start, end] = this.versionSpan.get(v)!;
    let lo = start;
    let hi = end - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.coarse[mid]!.lo <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Fills {@link ownNode}: node-like classes (host-networked pods, host endpoints, node addresses) per pod class. */
  private findOwnNodes(nodeRanges: readonly IpRange[]): void {
    const candidates = new Set<number>();
    for (const c of this.classes) if (c.kind === 'host' || (c.rep.type === 'endpoint' && c.rep.ep.kind === 'hep')) candidates.add(c.id);
    for (const r of nodeRanges) {
      for (let i = this.coarseIndex(r.v, r.lo); i <= this.coarseIndex(r.v, r.hi); i++) candidates.add(this.coarseBase + i);
    }
    for (const c of this.classes) {
      let bits: Uint32Array | null = null;
      if (c.rep.type === 'endpoint' && c.rep.ep.node) {
        for (const a of candidates) {
          if (!fromOwnNode(this.classes[a]!.rep, c.rep.ep)) continue;
          bits ??= emptyBits(this.count);
          setBit(bits, a);
        }
      }
      this.ownNode.push(bits);
    }
  }

  private classifyNodes(): void {
    const inSet = new Uint8Array(this.coarse.length);
    const covered = this.coarse.map((b) => this.peers.coveredByEndpoints(b));
    const blocksOf = (nets: readonly IpRange[]) => {
      const out = new Set<number>();
      for (const n of nets) {
        // Every network-set net is a union of coarse blocks (the split includes it).
        for (let i = this.coarseIndex(n.v, n.lo); i <= this.coarseIndex(n.v, n.hi); i++) out.add(i);
      }
      return out;
    };
    for (const s of this.ws.networkSets) for (const i of blocksOf(s.nets)) inSet[i] = 1;
    // External nodes with their own addresses (the cluster's nodes) take them from the internet.
    const named = new Uint8Array(this.coarse.length);
    for (const node of this.ws.nodes) if (node.type === 'external' && node.nets) for (const i of blocksOf(node.nets)) named[i] = 1;
    for (const node of this.ws.nodes) {
      let ids: number[];
      if (node.type === 'workload') ids = [...new Set(node.endpoints.map((e) => this.ofEndpoint.get(e)!))];
      else if (node.type === 'hostendpoint') ids = [this.ofEndpoint.get(node.endpoint)!];
      else if (node.type === 'networkset') ids = [...blocksOf(node.set.nets)].filter((i) => !covered[i]).map((i) => this.coarseBase + i);
      else if (node.type === 'external' && node.nets) ids = [...blocksOf(node.nets)].filter((i) => !inSet[i] && !covered[i]).map((i) => this.coarseBase + i);
      else ids = this.coarse.flatMap((_, i) => (inSet[i] || covered[i] || named[i] ? [] : [this.coarseBase + i]));
      this.ofNode.set(node.id, ids.sort((a, b) => a - b));
    }
  }

  /**
   * Graph nodes with the same member classes form one group (their rows and columns are
   * equal); computed once per universe, so every scope and every update shares the grouping.
   */
  nodeGroups(): NodeGroups {
    if (!this.grouping) {
      const byKey = new Map<string, number>();
      const groups: (readonly number[])[] = [];
      const groupOf = new Int32Array(this.ws.nodes.length);
      this.ws.nodes.forEach((n, i) => {
        const ids = this.nodeClasses(n);
        const key = ids.join(',');
        let g = byKey.get(key);
        if (g === undefined) {
          g = groups.length;
          groups.push(ids);
          byKey.set(key, g);
        }
        groupOf[i] = g;
      });
      this.grouping = { groupOf, groups, single: Int32Array.from(groups, (g) => (g.length === 1 ? g[0]! : -1)) };
    }
    return this.grouping;
  }

  /** The class of an endpoint of this workspace. @throws Error for a foreign endpoint. */
  classOfEndpoint(ep: Endpoint): number {
    const id = this.ofEndpoint.get(ep);
    if (id === undefined) throw new Error(`endpoint ${ep.namespace}/${ep.name} is not in this workspace`);
    return id;
  }

  /** The class of a peer of this workspace (an endpoint, a host-networked pod, or any address block). */
  classOfPeer(p: Peer): number {
    if (p.type === 'block') return this.coarseBase + this.coarseIndex(p.block.v, p.block.lo);
    return this.classOfEndpoint(p.ep);
  }

  /** The distinct classes of a graph node's members, ascending. */
  nodeClasses(node: ClusterNode): readonly number[] {
    return this.ofNode.get(node.id) ?? [];
  }

  private indexOf(k: string): Map<string | undefined, number[]> {
    let idx = this.labelIndex.get(k);
    if (!idx) {
      idx = new Map();
      for (const c of this.subjects) {
        const rep = this.classes[c]!.rep as Extract<Peer, { type: 'endpoint' }>;
        const v = rep.ep.labels(k);
        const list = idx.get(v);
        if (list) list.push(c);
        else idx.set(v, [c]);
      }
      this.labelIndex.set(k, idx);
    }
    return idx;
  }

  /**
   * Policy-endpoint classes whose own labels may match `ast` (a superset, by the most selective
   * `==` / `in` / `has` term at the top of the selector), or null when every class may.
   */
  private candidates(ast: SelectorNode): readonly number[] | null {
    let best: readonly number[] | null = null;
    for (const c of constraintsOf(ast, [])) {
      const list = this.classesWith(c);
      if (!best || list.length < best.length) best = list;
      if (best.length === 0) break;
    }
    return best;
  }

  /** Policy-endpoint classes whose own labels satisfy one constraint (cached per key and values). */
  private classesWith(c: Constraint): readonly number[] {
    const idx = this.indexOf(c.k);
    if (c.values && c.values.length === 1) return idx.get(c.values[0]) ?? NO_CLASSES;
    const key = c.values ? JSON.stringify([c.k, ...new Set(c.values)].sort()) : JSON.stringify([c.k]);
    let list = this.constraintLists.get(key);
    if (!list) {
      list = c.values
        ? [...new Set(c.values)].flatMap((v) => idx.get(v) ?? []).sort((a, b) => a - b)
        : [...idx].flatMap(([v, l]) => (v === undefined ? [] : l)).sort((a, b) => a - b);
      this.constraintLists.set(key, list);
    }
    return list;
  }

  /** Classes a rule side matches (SPEC §3.2 steps 4/5 without ports, `owners` of SPEC §3.3). */
  sideBits(side: EntityMatch): Uint32Array {
    let bits = this.sideOfMatch.get(side);
    if (bits) return bits;
    if (!side.positive && !side.negative && !side.nets && !side.notNets && !side.services) bits = this.all;
    else {
      // A positive selector needs an owner that matches: the endpoint itself or a network set.
      const cand = side.positive ? this.candidates(side.positive.ast) : null;
      // Few candidates: cheaper to test than to look the side up among equal ones.
      if (cand && cand.length + this.netsetOwned.length <= 32) bits = this.computeSide(side, cand);
      else {
        const key = sideKey(side);
        bits = this.sides.get(key);
        if (!bits) {
          bits = this.computeSide(side, cand);
          this.sides.set(key, bits);
        }
      }
    }
    this.sideOfMatch.set(side, bits);
    return bits;
  }

  private computeSide(side: EntityMatch, cand: readonly number[] | null): Uint32Array {
    const bits = emptyBits(this.count);
    const classes = this.classes;
    if (cand) {
      for (const c of cand) if (sideMatchesPeer(side, classes[c]!.rep)) setBit(bits, c);
      for (const c of this.netsetOwned) if (sideMatchesPeer(side, classes[c]!.rep)) setBit(bits, c);
    } else if (!side.positive && !side.negative && !side.services) {
      // Only CIDRs: the answer depends on the addresses alone (SPEC §3.2), one test per position.
      const byAddress = new Map<number, boolean>();
      for (let c = 0; c < this.count; c++) {
        const a = this.addressOf[c]!;
        let ok = byAddress.get(a);
        if (ok === undefined) {
          ok = sideMatchesPeer(side, classes[c]!.rep);
          byAddress.set(a, ok);
        }
        if (ok) setBit(bits, c);
      }
    } else for (let c = 0; c < this.count; c++) if (sideMatchesPeer(side, classes[c]!.rep)) setBit(bits, c);
    return bits;
  }

  /** The policy-endpoint classes a policy's selector selects (SPEC §4.3), ascending. */
  selectedBy(policy: Policy): Int32Array {
    let sel = this.selections.get(policy);
    if (!sel) {
      const cand = this.candidates(policy.selector.ast) ?? this.subjects;
      const out = new Set<number>();
      for (const c of cand) {
        const rep = this.classes[c]!.rep as Extract<Peer, { type: 'endpoint' }>;
        if (policy.selector.match(rep.ep.labels)) out.add(c);
      }
      sel = Int32Array.from(out).sort();
      this.selections.set(policy, sel);
    }
    return sel;
  }

  /** Drops the cached selection of a policy no longer in use. */
  forgetPolicy(p: Policy): void {
    this.selections.delete(p);
  }

  /** A rule prepared once per universe. */
  compile(rule: Rule): CompiledRule {
    let cr = this.compiledRules.get(rule);
    if (!cr) {
      const srcNamed = hasNamedPorts(rule.source);
      // SPEC §3.5, §3.6: destination named ports and a destination services match depend on the destination class.
      const dstNamed = dependsOnDestination(rule);
      const any = this.classes[0]?.rep ?? { type: 'block', block: { v: 4, lo: 0n, hi: 0n }, owners: [] };
      cr = {
        uid: this.nextRuleUid++, rule, src: this.sideBits(rule.source), dst: this.sideBits(rule.destination),
        // Without named ports neither end matters; any peer stands in.
        ports: srcNamed || dstNamed ? -1 : this.table.id(ruleConnections(rule, any, any)),
        srcNamed, dstNamed, portIds: null,
      };
      this.compiledRules.set(rule, cr);
    }
    return cr;
  }

  /**
   * What a rule's named ports can see of class `c` on one side (SPEC §3.5): its relevant
   * declarations, and whether it matches the side's P by its own labels; outside endpoints
   * never match a named port (-1).
   */
  private portSig(side: EntityMatch, c: number): number {
    const ep = namedPortEndpoint(this.classes[c]!.rep);
    if (!ep) return -1;
    return this.portSignature[c]! * 2 + (!side.positive || side.positive.match(ep.labels) ? 1 : 0);
  }

  /**
   * What a rule's destination side can see of class `c`: its named-port signature and, with a
   * destination services match, what the Services' EndpointSlices give the class's address
   * (SPEC §3.6).
   */
  private destinationSig(rule: Rule, c: number): string {
    const named = this.portSig(rule.destination, c);
    return rule.destination.services ? `${named}/${this.serviceSignature[c]!}` : String(named);
  }

  /**
   * Table id of a rule's connections from source class `s` to destination class `d` (only
   * meaningful when both sides match them). Classes with the same port signature share the set.
   */
  portsFor(cr: CompiledRule, s: number, d: number): number {
    if (cr.ports >= 0) return cr.ports;
    const rule = cr.rule;
    cr.portsBySignature ??= new Map();
    if (cr.srcNamed && cr.dstNamed) {
      // Both ends name ports (rare): keyed by the pair of signatures, no per-class cache.
      const sig = `${this.portSig(rule.source, s)},${this.destinationSig(rule, d)}`;
      let id = cr.portsBySignature.get(sig);
      if (id === undefined) {
        id = this.table.id(ruleConnections(rule, this.classes[s]!.rep, this.classes[d]!.rep));
        cr.portsBySignature.set(sig, id);
      }
      return id;
    }
    // One side names ports: the set depends on that side's class only.
    const c = cr.srcNamed ? s : d;
    cr.portIds ??= new Int32Array(this.count).fill(-1);
    let id = cr.portIds[c]!;
    if (id < 0) {
      const sig = cr.srcNamed ? String(this.portSig(rule.source, c)) : this.destinationSig(rule, c);
      id = cr.portsBySignature.get(sig) ?? -1;
      if (id < 0) {
        const rep = this.classes[c]!.rep;
        id = this.table.id(ruleConnections(rule, rep, rep));
        cr.portsBySignature.set(sig, id);
      }
      cr.portIds[c] = id;
    }
    return id;
  }

  /** Classes of IP version `v`, plus those of unknown version when `orUnknown`. */
  ipvMask(v: 4 | 6, orUnknown: boolean): Uint32Array {
    const key = `${v}${orUnknown ? 'u' : ''}`;
    let m = this.ipvMasks.get(key);
    if (!m) {
      m = emptyBits(this.count);
      for (const c of this.classes) if (c.ipv === v || (orUnknown && c.ipv === undefined)) setBit(m, c.id);
      this.ipvMasks.set(key, m);
    }
    return m;
  }

  /** The set of every class. */
  get everyClass(): Uint32Array {
    return this.all;
  }

  /** The connection set of a table id. */
  conn(id: number): ConnSet {
    return this.table.set(id);
  }

  /** The corpus-grammar text of a table id (NCA conventions; source ports in our readable form), computed once. */
  connText(id: number): string {
    let s = this.texts[id];
    if (s === undefined) {
      s = formatConnSet(this.table.set(id), 'nca', true);
      this.texts[id] = s;
    }
    return s;
  }

  /** The plain-data form of a table id, computed once and shared: read-only. */
  connJSON(id: number): ConnSetJSON {
    let j = this.jsons[id];
    if (j === undefined) {
      j = this.table.set(id).toJSON();
      this.jsons[id] = j;
    }
    return j;
  }
}
