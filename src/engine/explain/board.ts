import type { Direction, PolicyKind } from '../model/policy';
import type { Workspace } from '../model/workspace';
import type { ClassUniverse } from '../matrix/classes';
import { orderPolicies } from '../evaluate/order';
import { readDocuments, type WorkspaceFile } from '../parse/documents';
import { labelSelectorToCalico } from '../author/convert';

/**
 * The policy board: tiers in evaluation order, each with its policies in evaluation order
 * (SPEC §4.4: order ascending, nil last, ties by name; Kubernetes policies in tier default at
 * 1000, SPEC §3.7), as plain data for the board and for reordering.
 */
export interface BoardPolicy {
  kind: PolicyKind;
  namespace?: string;
  name: string;
  tier: string;
  /** Null: no order (last in its tier). */
  order: number | null;
  /** The order is fixed by the kind (Kubernetes: 1000; admin policies: their priority): not movable. */
  fixedOrder: boolean;
  staged: boolean;
  types: Direction[];
  /** The selector as written (Kubernetes label selectors in Calico syntax). */
  selector: string;
  /** Endpoints the policy applies to (workload endpoints and host endpoints). */
  selected: number;
  path: string;
  line: number;
}

export interface BoardTier {
  name: string;
  order: number | null;
  defaultAction: 'Deny' | 'Pass';
  /** Named by a policy, defined by no Tier object. */
  implied: boolean;
  /** Where its Tier object is (absent: built in or implied). */
  path?: string;
  line?: number;
  policies: BoardPolicy[];
}

const FIXED: ReadonlySet<PolicyKind> = new Set(['KubernetesNetworkPolicy', 'StagedKubernetesNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);
const BUILT_IN = new Set(['default', 'adminnetworkpolicy', 'baselineadminnetworkpolicy', 'kube-admin', 'kube-baseline']);

/**
 * Built with every analysis, so on the keystroke path: a policy's selected endpoints are counted
 * from the evaluation's cached selection (classes, `selectedBy`), not by matching its selector
 * against every endpoint again (37 ms per analysis at 400 policies, 1,000 pods).
 */
export function policyBoard(ws: Workspace, files: readonly WorkspaceFile[], universe: ClassUniverse): BoardTier[] {
  const raw = readDocuments(files).objects;
  const rawAt = new Map(raw.map((o) => [`${o.path}:${o.range.line}`, o.value]));
  const tierDocs = new Map(raw.filter((o) => o.kind === 'Tier').map((o) => [String((o.value.metadata as { name?: unknown } | undefined)?.name), o]));
  // SPEC §4.8: a host-networked pod has no workload endpoint; no policy selects it.
  const perClass = new Map<number, number>();
  for (const n of ws.nodes) {
    for (const ep of n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : []) {
      if (ep.hostNetwork) continue;
      const c = universe.classOfEndpoint(ep);
      perClass.set(c, (perClass.get(c) ?? 0) + 1);
    }
  }
  const selected = (p: Parameters<ClassUniverse['selectedBy']>[0]) => {
    let k = 0;
    for (const c of universe.selectedBy(p)) k += perClass.get(c) ?? 0;
    return k;
  };
  return orderPolicies(ws).filter((t) => t.policies.length > 0 || tierDocs.has(t.tier.name) || t.tier.name === 'default').map(({ tier, policies }) => {
    const doc = tierDocs.get(tier.name);
    return {
      name: tier.name,
      order: Number.isFinite(tier.order) ? tier.order : null,
      defaultAction: tier.defaultAction,
      implied: !!tier.implied && !BUILT_IN.has(tier.name),
      ...(doc ? { path: doc.path, line: doc.range.line } : {}),
      policies: policies.map((p): BoardPolicy => {
        const value = rawAt.get(`${p.range.path}:${p.range.line}`);
        return {
          kind: p.id.kind,
          ...(p.id.namespace ? { namespace: p.id.namespace } : {}),
          name: p.id.name,
          tier: p.id.tier,
          order: Number.isFinite(p.order) ? p.order : null,
          fixedOrder: FIXED.has(p.id.kind),
          staged: p.staged,
          types: [...p.types].sort(),
          selector: writtenSelector(value),
          selected: selected(p),
          path: p.range.path,
          line: p.range.line,
        };
      }),
    };
  });
}

function writtenSelector(value: Record<string, unknown> | undefined): string {
  const spec = (value?.spec ?? {}) as Record<string, unknown>;
  if (typeof spec.selector === 'string') return spec.selector.trim() || 'all()';
  if ('podSelector' in spec) return labelSelectorToCalico(spec.podSelector) || 'all()';
  if (typeof spec.subject === 'object' && spec.subject !== null) return JSON.stringify(spec.subject);
  return 'all()';
}
