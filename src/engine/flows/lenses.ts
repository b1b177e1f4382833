import type { Session } from '../analysis';
import type { Direction, PolicyId } from '../model/policy';
import type { ActionTallies, PolicyHits } from './hits';

/**
 * Where hit counts are written in the editor: one lens on each policy's first line (its
 * totals, end of tier included) and one on each rule's line, for every policy of the
 * workspace, so a policy or rule no flow hit says so (unused) where it is written.
 */
export interface HitLens {
  path: string;
  line: number;
  policy: PolicyId;
  /** The rule's direction and index as written; absent on the policy's own lens. */
  direction?: Direction;
  rule?: number;
  enforced: ActionTallies;
  pending: ActionTallies;
}

const zero = () => ({ flows: 0, packets: 0, bytes: 0 });
const none = (): ActionTallies => ({ allow: zero(), deny: zero(), pass: zero(), log: zero() });
const idKey = (p: PolicyId) => `${p.tier}\u0000${p.kind}\u0000${p.namespace ?? ''}\u0000${p.name}`;

export function hitLenses(session: Session, policies: readonly PolicyHits[]): HitLens[] {
  const hits = new Map(policies.map((p) => [idKey(p), p]));
  const out: HitLens[] = [];
  for (const p of session.workspace.policies) {
    const h = hits.get(idKey(p.id));
    out.push({ path: p.range.path, line: p.range.line, policy: p.id, enforced: h?.enforced ?? none(), pending: h?.pending ?? none() });
    for (const direction of ['ingress', 'egress'] as const) {
      // Kubernetes rules expand into several, keeping the index (and the place) they came from.
      const seen = new Set<number>();
      for (const rule of p[direction]) {
        if (seen.has(rule.index)) continue;
        seen.add(rule.index);
        const r = h?.rules.find((x) => x.direction === direction && x.rule === rule.index);
        out.push({ path: rule.range.path, line: rule.range.line, policy: p.id, direction, rule: rule.index, enforced: r?.enforced ?? none(), pending: r?.pending ?? none() });
      }
    }
  }
  return out;
}
