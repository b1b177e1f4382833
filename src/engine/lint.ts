/**
 * Diagnostics about the workspace as a whole, computed from the final workspace of every
 * analysis (full or incremental), so they never go stale when only one file was recompiled:
 * - NPC065: a policy's tier is defined by no Tier object (SPEC §4.4: it still sorts after the
 *   defined tiers and denies at its end; calicoctl rejects the policy unless the cluster has it);
 * - NPC066: a policy's selector matches no endpoint of the workspace (only when the workspace
 *   has endpoints at all: a workspace of policies alone says nothing about the cluster).
 */
import type { Diagnostic } from './model/diagnostics';
import type { Policy } from './model/policy';
import type { Workspace } from './model/workspace';

/** What the lint needs of the evaluation: the endpoint classes a policy selects (cached there). */
export interface SelectionIndex {
  selectedBy(policy: Policy): ArrayLike<number>;
}

const where = (p: Policy) => (p.id.namespace !== undefined ? `${p.id.namespace}/${p.id.name}` : p.id.name);

function at(p: Policy, field: 'selector' | 'tier') {
  const r = p.at?.[field] ?? p.range;
  return { path: r.path, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function lintWorkspace(ws: Workspace, selections: SelectionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of ws.policies) {
    if (ws.tiers.get(p.id.tier)?.implied) {
      out.push({
        code: 'NPC065', severity: 'warning', field: 'spec.tier', ...at(p, 'tier'),
        message: `tier '${p.id.tier}' is defined by no Tier in the workspace: calicoctl rejects ${p.id.kind} '${where(p)}' unless the cluster has it; ` +
          'evaluated as a tier after every defined one, denying at its end',
      });
    }
  }
  const hasEndpoints = ws.nodes.some((n) => (n.type === 'workload' && n.endpoints.length > 0) || n.type === 'hostendpoint');
  if (hasEndpoints) {
    for (const p of ws.policies) {
      if (selections.selectedBy(p).length > 0) continue;
      out.push({
        code: 'NPC066', severity: 'warning', field: p.id.kind === 'KubernetesNetworkPolicy' || p.id.kind === 'StagedKubernetesNetworkPolicy' ? 'spec.podSelector' : 'spec.selector', ...at(p, 'selector'),
        message: `${p.id.kind} '${where(p)}' selects no endpoint of the workspace${p.id.namespace !== undefined ? ` (in namespace ${p.id.namespace})` : ''}: it has no effect here`,
      });
    }
  }
  // In file order: an incremental analysis may hold the policies in another order than a full one.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
