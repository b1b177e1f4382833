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
 *
 * This module builds the classes and maps endpoints, addresses and graph nodes to them; the
 * features a class key reads are collected in ./features.ts, the side and selector matching over
 * the finished classes lives in ./sides.ts, and rule compilation with port signatures in
 * ./rules.ts. {@link ClassUniverse} is the one entry point and delegates to them.
 */
import type { Endpoint, Profile } from '../model/endpoint';
import type { EntityMatch, Policy, Rule } from '../model/policy';
import type { ClusterNode, Workspace } from '../model/workspace';
import { formatConnSet, type ConnSet, type ConnSetJSON } from '../net';
import { splitAddressSpace, type IpRange } from '../net/ip';
import { peerIpVersion, type Peer } from '../evaluate/peer';
import { endpointProfiles } from '../evaluate/profiles';
import { fromOwnNode } from '../evaluate/nodelocal';
import { emptyBits, fullBits, setBit } from './bitset';
import { ConnTable } from './conntable';
import { classFeatures, rangeText, type ClassFeatures } from './features';
import { buildPeerUniverse, type PeerUniverse } from './peers';
import { RuleCompiler, type CompiledRule } from './rules';
import { SideIndex } from './sides';

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

/** Graph nodes grouped by their member classes. */
export interface NodeGroups {
  /** Node index (in `ws.nodes`) → group. */
  groupOf: Int32Array;
  /** Group → its member classes, ascending. */
  groups: (readonly number[])[];
  /** Group → its class when it has exactly one, else -1. */
  single: Int32Array;
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
  /** Rows of direction programs by program key (see ./evaluation.ts), shared by scopes and policy edits. */
  readonly rows = new Map<string, Int32Array>();

  private readonly coarse: IpRange[];
  private readonly coarseBase: number;
  private readonly versionSpan = new Map<4 | 6, [number, number]>();
  private readonly ofEndpoint = new Map<Endpoint, number>();
  private readonly ofNode = new Map<string, readonly number[]>();
  private readonly netsetOwned: number[] = [];
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
  private grouping: NodeGroups | undefined;
  private readonly texts: string[] = [];
  private readonly jsons: ConnSetJSON[] = [];
  private all: Uint32Array;
  /** Which classes rule sides and policy selectors match (./sides.ts). */
  private readonly sideIndex: SideIndex;
  /** Compiled rules and their connections per port signature (./rules.ts). */
  private readonly ruleCompiler: RuleCompiler;

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
    this.sideIndex = new SideIndex(this.classes, this.subjects, this.netsetOwned, this.addressOf, this.all);
    this.ruleCompiler = new RuleCompiler(this.classes, this.table, this.sideIndex, this.portSignature, this.serviceSignature);
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

  /** Classes a rule side matches (SPEC §3.2 steps 4/5 without ports, `owners` of SPEC §3.3). */
  sideBits(side: EntityMatch): Uint32Array {
    return this.sideIndex.sideBits(side);
  }

  /** The policy-endpoint classes a policy's selector selects (SPEC §4.3), ascending. */
  selectedBy(policy: Policy): Int32Array {
    return this.sideIndex.selectedBy(policy);
  }

  /** Drops the cached selection of a policy no longer in use. */
  forgetPolicy(p: Policy): void {
    this.sideIndex.forgetPolicy(p);
  }

  /** Classes of IP version `v`, plus those of unknown version when `orUnknown`. */
  ipvMask(v: 4 | 6, orUnknown: boolean): Uint32Array {
    return this.sideIndex.ipvMask(v, orUnknown);
  }

  /** A rule prepared once per universe. */
  compile(rule: Rule): CompiledRule {
    return this.ruleCompiler.compile(rule);
  }

  /**
   * Table id of a rule's connections from source class `s` to destination class `d` (only
   * meaningful when both sides match them). Classes with the same port signature share the set.
   */
  portsFor(cr: CompiledRule, s: number, d: number): number {
    return this.ruleCompiler.portsFor(cr, s, d);
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
