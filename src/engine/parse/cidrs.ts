/**
 * CIDR nodes (design.md stable names: `cidr:<cidr>`): one external graph node per distinct CIDR
 * that a policy or profile rule matches addresses by (Calico `nets`, Kubernetes `ipBlock.cidr`,
 * ANP `networks`), standing for the outside addresses of that CIDR.
 *
 * Address nodes partition the outside address space: every address belongs to exactly one of
 * an endpoint (pod IPs, host endpoints), a network set, the cluster's nodes (`ext:nodes`), the
 * most specific CIDR node containing it, or else the internet. So a CIDR node's members are its
 * CIDR minus more specific CIDR nodes, network-set nets, node addresses and endpoint addresses;
 * a CIDR left with nothing is no node. `notNets` and `except` CIDRs only carve holes, and the
 * catch-alls `0.0.0.0/0` and `::/0` are the internet itself: neither makes a node.
 */
import type { NetworkSet, Profile } from '../model/endpoint';
import type { Policy, Rule } from '../model/policy';
import type { ClusterNode } from '../model/workspace';
import { formatCidr, fullRange, rangeContains, type IpRange } from '../net/ip';

/** Id prefix of CIDR nodes (design.md "Stable names"). */
export const CIDR_NODE_PREFIX = 'cidr:';

type ExternalNode = Extract<ClusterNode, { type: 'external' }>;

const key = (r: IpRange) => `${r.v}:${r.lo.toString(16)}:${r.hi.toString(16)}`;

function isCatchAll(r: IpRange): boolean {
  const full = fullRange(r.v);
  return r.lo === full.lo && r.hi === full.hi;
}

const netsOfRules = new WeakMap<readonly Rule[], readonly IpRange[]>();
/** The positive CIDRs (`nets`) of a rule list, both sides, catch-alls left out; memoised per list. */
function positiveNets(rules: readonly Rule[]): readonly IpRange[] {
  let hit = netsOfRules.get(rules);
  if (!hit) {
    hit = rules.flatMap((r) => [...(r.source.nets ?? []), ...(r.destination.nets ?? [])]).filter((n) => !isCatchAll(n));
    netsOfRules.set(rules, hit);
  }
  return hit;
}

/**
 * The distinct CIDRs the rules of `owners` (policies, profiles) match by, sorted by version,
 * start, then widest first (a CIDR before those it contains).
 */
export function ruleCidrs(owners: readonly (Policy | Profile)[]): IpRange[] {
  const byKey = new Map<string, IpRange>();
  for (const o of owners) for (const list of [o.ingress, o.egress]) for (const r of positiveNets(list)) byKey.set(key(r), r);
  return [...byKey.values()].sort((a, b) => (a.v !== b.v ? a.v - b.v : a.lo !== b.lo ? (a.lo < b.lo ? -1 : 1) : a.hi === b.hi ? 0 : a.hi > b.hi ? -1 : 1));
}

/** A text naming the sorted CIDR list: equal texts, equal CIDR nodes over the same other nodes. */
export function cidrListKey(cidrs: readonly IpRange[]): string {
  return cidrs.map(key).join(',');
}

/** Sorted, disjoint ranges of one version, adjacent ones merged. */
function merge(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => (a.v !== b.v ? a.v - b.v : a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.v === r.v && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) out[out.length - 1] = { v: r.v, lo: last.lo, hi: r.hi };
    } else out.push({ v: r.v, lo: r.lo, hi: r.hi });
  }
  return out;
}

/** Index of the first merged range that ends at or after `x` (version `v`), or list length. */
function firstEndingFrom(list: readonly IpRange[], v: 4 | 6, x: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    if (m.v < v || (m.v === v && m.hi < x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The merged ranges of `list` overlapping `r`. */
function overlapping(list: readonly IpRange[], r: IpRange): IpRange[] {
  const out: IpRange[] = [];
  for (let i = firstEndingFrom(list, r.v, r.lo); i < list.length && list[i]!.v === r.v && list[i]!.lo <= r.hi; i++) out.push(list[i]!);
  return out;
}

/** `r` minus sorted disjoint `holes` of its version. */
function subtract(r: IpRange, holes: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  let lo = r.lo;
  for (const h of holes) {
    if (h.hi < lo) continue;
    if (h.lo > r.hi) break;
    if (h.lo > lo) out.push({ v: r.v, lo, hi: h.lo - 1n });
    lo = h.hi + 1n;
    if (lo > r.hi) return out;
  }
  if (lo <= r.hi) out.push({ v: r.v, lo, hi: r.hi });
  return out;
}

/** True when every address of `r` lies in the merged `list`. */
function covered(list: readonly IpRange[], r: IpRange): boolean {
  const m = list[firstEndingFrom(list, r.v, r.lo)];
  return !!m && m.v === r.v && m.lo <= r.lo && r.hi <= m.hi;
}

/**
 * The CIDR nodes of `cidrs` (as {@link ruleCidrs} returns them), in that order, each with the
 * address ranges it stands for as `nets`: its CIDR minus more specific CIDRs and the `claimed`
 * ranges (network-set nets, node addresses). Endpoint addresses stay inside `nets` (the class
 * universe drops them, as for every external node) but a CIDR holding nothing else is no node.
 */
export function cidrNodes(cidrs: readonly IpRange[], claimed: readonly IpRange[], endpointIps: readonly IpRange[]): ExternalNode[] {
  const taken = merge(claimed);
  const endpoints = merge(endpointIps);
  const out: ExternalNode[] = [];
  cidrs.forEach((c, i) => {
    // Sorted widest first by start: the CIDRs inside `c` follow it (CIDRs nest or are disjoint).
    const inner: IpRange[] = [];
    for (let j = i + 1; j < cidrs.length && cidrs[j]!.v === c.v && cidrs[j]!.lo <= c.hi; j++) if (rangeContains(c, cidrs[j]!)) inner.push(cidrs[j]!);
    const nets = subtract(c, merge([...inner, ...overlapping(taken, c)]));
    if (!nets.some((r) => !covered(endpoints, r))) return;
    const text = formatCidr(c);
    out.push({ type: 'external', id: `${CIDR_NODE_PREFIX}${text}`, name: text, nets });
  });
  return out;
}

/** What {@link cidrNodes} needs of a workspace besides the CIDRs: the ranges others claim, the endpoint addresses. */
export function addressClaims(nodes: readonly ClusterNode[], networkSets: readonly NetworkSet[]): { claimed: IpRange[]; endpointIps: IpRange[] } {
  const claimed = networkSets.flatMap((s) => s.nets);
  const endpointIps: IpRange[] = [];
  for (const n of nodes) {
    if (n.type === 'workload') for (const e of n.endpoints) endpointIps.push(...e.ips);
    else if (n.type === 'hostendpoint') endpointIps.push(...n.endpoint.ips);
    // The cluster's nodes (`ext:nodes`) keep their addresses; CIDR nodes are never claimants.
    else if (n.type === 'external' && n.nets && !n.id.startsWith(CIDR_NODE_PREFIX)) claimed.push(...n.nets);
  }
  return { claimed, endpointIps };
}
