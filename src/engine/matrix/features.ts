/**
 * The workspace features that decide how endpoints are classed (see ./classes.ts): the label
 * keys selectors mention, the named ports and Services rules use, the CIDRs of rules and network
 * sets, the IP versions. Kept apart from the class building because policy edits consult them on
 * their own: {@link FeatureCounts} tells in O(edit) whether an edit changes them, and only then
 * is a new class universe built.
 */
import type { Policy, Rule } from '../model/policy';
import type { Workspace } from '../model/workspace';
import type { IpRange } from '../net/ip';
import { selectorLabelKeys, type SelectorNode } from '../selector';
import { serviceKey } from '../model/service';

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

const keysOfAst = new WeakMap<SelectorNode, readonly string[]>();
function labelKeysOf(ast: SelectorNode): readonly string[] {
  let k = keysOfAst.get(ast);
  if (!k) {
    k = selectorLabelKeys(ast);
    keysOfAst.set(ast, k);
  }
  return k;
}

/** A range as text: the key of equal ranges. */
export const rangeText = (r: IpRange) => `${r.v}:${r.lo.toString(16)}:${r.hi.toString(16)}`;

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
