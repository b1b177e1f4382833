/**
 * Which classes a rule side or a policy selector matches (SPEC §3.2 steps 4/5 without ports,
 * §3.3, §4.3), as bit sets over the classes of one universe (see ./classes.ts), with the
 * caches that make it cheap: a label index over the policy-endpoint classes, candidate lists
 * from a selector's top-level terms, and one bit set per distinct side. Split from the class
 * building because it only reads the finished classes.
 */
import type { EntityMatch, Policy } from '../model/policy';
import type { SelectorNode } from '../selector';
import { sideMatchesPeer, type Peer } from '../evaluate/peer';
import { serviceKey } from '../model/service';
import { emptyBits, setBit } from './bitset';
import type { PeerClass } from './classes';
import { rangeText } from './features';

const NO_CLASSES: readonly number[] = [];

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

/** The side and selector matching of one class universe; built once its classes are final. */
export class SideIndex {
  private readonly labelIndex = new Map<string, Map<string | undefined, number[]>>();
  private readonly sides = new Map<string, Uint32Array>();
  private readonly sideOfMatch = new WeakMap<EntityMatch, Uint32Array>();
  private readonly selections = new Map<Policy, Int32Array>();
  private readonly ipvMasks = new Map<string, Uint32Array>();
  private readonly constraintLists = new Map<string, readonly number[]>();

  /**
   * `subjects`: the policy-endpoint classes; `netsetOwned`: classes owned by a network set
   * (beyond the endpoint itself); `addressOf`: per class, an id of what CIDR tests see of it;
   * `all`: the set of every class.
   */
  constructor(
    private readonly classes: readonly PeerClass[],
    private readonly subjects: readonly number[],
    private readonly netsetOwned: readonly number[],
    private readonly addressOf: readonly number[],
    private readonly all: Uint32Array,
  ) {}

  private get count(): number {
    return this.classes.length;
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
}
