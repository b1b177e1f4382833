import type { Endpoint } from '../model/endpoint';
import type { Direction, Policy, Tier } from '../model/policy';
import type { Workspace } from '../model/workspace';

function byOrderThenName<T>(order: (x: T) => number, name: (x: T) => string) {
  return (a: T, b: T): number => {
    const oa = order(a);
    const ob = order(b);
    if (oa !== ob) return oa < ob ? -1 : 1; // Infinity (nil order) sorts last
    const na = name(a);
    const nb = name(b);
    return na < nb ? -1 : na > nb ? 1 : 0; // byte order, as Go compares strings
  };
}

/** A tier with its policies in evaluation order (SPEC §4.4). */
export interface OrderedTier {
  tier: Tier;
  policies: Policy[];
}

/**
 * SPEC §4.4: tiers by ascending order (nil last, ties by name); policies within a tier by
 * ascending order (nil last), ties by the v3.31 backend key. Staged and enforced sort together.
 */
export function orderPolicies(ws: Workspace): OrderedTier[] {
  const tiers = [...ws.tiers.values()].sort(byOrderThenName((t: Tier) => t.order, (t) => t.name));
  return tiers.map((tier) => ({ tier, policies: ws.policies.filter((p) => p.id.tier === tier.name).sort(comparePolicies) }));
}

/** SPEC §4.4 within a tier: ascending order (nil last), ties by the v3.31 backend key. */
const comparePolicies = byOrderThenName((p: Policy) => p.order, (p) => p.sortKey);

/**
 * {@link orderPolicies} of a workspace whose policies differ from those `previous` ordered by
 * `removed` and `added` only (same tiers): the kept policies keep their places and the added
 * ones are inserted. Null when an added policy ties with another one (the full sort then
 * decides by workspace order) or names a tier `previous` does not have.
 */
export function reorderPolicies(previous: readonly OrderedTier[], removed: ReadonlySet<Policy>, added: readonly Policy[]): OrderedTier[] | null {
  const out = previous.map(({ tier, policies }) => ({ tier, policies: policies.filter((p) => !removed.has(p)) }));
  for (const a of added) {
    const t = out.find((x) => x.tier.name === a.id.tier);
    if (!t) return null;
    const list = t.policies;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePolicies(list[mid]!, a) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < list.length && comparePolicies(list[lo]!, a) === 0) return null;
    list.splice(lo, 0, a);
  }
  return out;
}

/** Which policies are evaluated: the enforced ones, or staged ones too as if enforced (SPEC §4.9). */
export type Scope = 'enforced' | 'pending';

/** The tiers that apply to one endpoint in one direction, each with its applicable policies. */
export type ApplicableTiers = OrderedTier[];

/** SPEC §4.3 + §4.5: a tier applies only if at least one of its policies selects the endpoint for that direction. */
export function applicableTiers(ordered: readonly OrderedTier[], ep: Endpoint, dir: Direction, scope: Scope): ApplicableTiers {
  const out: ApplicableTiers = [];
  for (const { tier, policies } of ordered) {
    const pols = policies.filter((p) => (scope === 'pending' || !p.staged) && p.types.has(dir) && p.selector.match(ep.labels));
    if (pols.length > 0) out.push({ tier, policies: pols });
  }
  return out;
}
