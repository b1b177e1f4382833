/**
 * Diagnostics about the workspace as a whole, computed from the final workspace of every
 * analysis (full or incremental), so they never go stale when only one file was recompiled:
 * - NPC065: a policy's tier is defined by no Tier object (SPEC §4.4: it still sorts after the
 *   defined tiers and denies at its end; calicoctl rejects the policy unless the cluster has it);
 * - NPC066: a policy's selector matches no endpoint of the workspace (only when the workspace
 *   has endpoints at all: a workspace of policies alone says nothing about the cluster);
 * - NPC067: a policy isolates the egress of endpoints that can then reach no address on UDP 53
 *   (the classic default-deny egress that breaks name lookups);
 * - NPC068: a rule's named port that no endpoint it could resolve on declares.
 * NPC067 and NPC068 read the endpoint classes (matrix/classes.ts): members of one class agree
 * on every named port and rule the workspace has, so a class's representative speaks for all.
 */
import type { Diagnostic } from './model/diagnostics';
import type { Direction, Policy, Rule } from './model/policy';
import type { Workspace } from './model/workspace';
import type { ConnSet } from './net';
import { PROTO, protocolName } from './net/protocol';
import { namedPortEndpoint, type Peer } from './evaluate/peer';

/** What the lint needs of the evaluation (cached there): classes, the ones a policy selects, connection ids. */
export interface SelectionIndex {
  selectedBy(policy: Policy): ArrayLike<number>;
  readonly classes: readonly { kind: string; rep: Peer }[];
  readonly table: { set(id: number): ConnSet };
}

/** One scope's egress results: the tiers that apply to a class, and its egress row (connection ids per destination class). */
export interface EgressScope {
  view: { tiers(c: number, dir: Direction): readonly unknown[] };
  classes: { egress: readonly (Int32Array | null)[] };
}

const where = (p: Policy) => (p.id.namespace !== undefined ? `${p.id.namespace}/${p.id.name}` : p.id.name);

function at(p: Policy, field: 'selector' | 'tier' | 'types') {
  const r = p.at?.[field] ?? p.range;
  return { path: r.path, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function lintWorkspace(ws: Workspace, selections: SelectionIndex, scopes?: { enforced: EgressScope; pending: EgressScope | null }): Diagnostic[] {
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
    if (scopes) out.push(...dnsLint(ws, selections, scopes));
    out.push(...namedPortLint(ws, selections));
  }
  // In file order: an incremental analysis may hold the policies in another order than a full one.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

const peerName = (p: Peer) => (p.type === 'block' ? 'an address' : p.ep.kind === 'pod' ? `${p.ep.namespace}/${p.ep.name}` : p.ep.name);

/**
 * NPC067. A class is cut off from DNS when some policy isolates its egress (SPEC §4.3: an
 * applicable egress policy, so the tier's end denies) and its egress row allows UDP 53 towards
 * no class at all, whatever the address. Only the egress side is read: where the DNS server is
 * (kube-dns, node-local, outside) is not known, but "nowhere" is. Staged policies are judged in
 * the pending scope, the one they would join when enforced.
 */
function dnsLint(ws: Workspace, u: SelectionIndex, scopes: { enforced: EgressScope; pending: EgressScope | null }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const idAllows = new Map<number, boolean>();
  const rowAllows = new Map<Int32Array, boolean>();
  const allowsDns = (row: Int32Array) => {
    let ok = rowAllows.get(row);
    if (ok !== undefined) return ok;
    ok = false;
    for (let j = 0; j < row.length && !ok; j++) {
      const id = row[j]!;
      let v = idAllows.get(id);
      if (v === undefined) idAllows.set(id, (v = u.table.set(id).containsFlow(PROTO.UDP, 53)));
      ok = v;
    }
    rowAllows.set(row, ok);
    return ok;
  };
  for (const p of ws.policies) {
    if (!p.types.has('egress')) continue;
    const scope = p.staged ? scopes.pending : scopes.enforced;
    if (!scope) continue;
    let cut: number | undefined;
    for (const c of Array.from(u.selectedBy(p))) {
      const row = scope.classes.egress[c];
      if (row && scope.view.tiers(c, 'egress').length > 0 && !allowsDns(row)) {
        cut = c;
        break;
      }
    }
    if (cut === undefined) continue;
    out.push({
      code: 'NPC067', severity: 'warning', field: 'spec.policyTypes', ...at(p, 'types'),
      message: `${p.id.kind} '${where(p)}' isolates the egress of endpoints (e.g. ${peerName(u.classes[cut]!.rep)}) that may then send UDP 53 nowhere: ` +
        'DNS lookups fail; allow UDP (and TCP) 53 to the cluster DNS',
    });
  }
  return out;
}

/** Where a rule side's named ports resolve: on the policy's own endpoints or on the peer. */
function resolvesOnSubject(dir: Direction, side: 'source' | 'destination'): boolean {
  return (dir === 'ingress') === (side === 'destination');
}

/**
 * NPC068. A named port resolves on the endpoint at that end of the connection (SPEC §3.5): on
 * the policy's selected endpoints for an ingress rule's destination ports (an egress rule's
 * source ports), on any endpoint of the workspace otherwise. One that no such endpoint declares
 * with the rule's protocol never matches. Address-only sides are NPC061's.
 */
function namedPortLint(ws: Workspace, u: SelectionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const allEndpoints = u.classes.flatMap((c) => namedPortEndpoint(c.rep) ?? []);
  for (const p of ws.policies) {
    let subjects: ReturnType<typeof namedPortEndpoint>[] | undefined;
    for (const dir of ['ingress', 'egress'] as const) {
      for (const rule of p[dir]) {
        for (const side of ['source', 'destination'] as const) {
          const m = rule[side];
          const names = [...(m.ports ?? []), ...(m.notPorts ?? [])].flatMap((x) => (x.kind === 'named' ? [x.name] : []));
          if (names.length === 0 || (m.nets && !m.positive)) continue;
          const onSubject = resolvesOnSubject(dir, side);
          subjects ??= Array.from(u.selectedBy(p), (c) => namedPortEndpoint(u.classes[c]!.rep));
          const candidates = onSubject ? subjects : allEndpoints;
          for (const name of names) {
            if (candidates.some((ep) => ep?.namedPorts.some((np) => np.name === name && (rule.protocol === undefined || np.protocol === rule.protocol)))) continue;
            const r = rule.portsAt?.[side] ?? rule.range;
            const key = `${r.path}:${r.line}:${r.column}:${name}`;
            if (seen.has(key)) continue; // Kubernetes rules expand into several, one per peer
            seen.add(key);
            out.push(namedPortDiagnostic(p, dir, rule, side, name, onSubject));
          }
        }
      }
    }
  }
  return out;
}

function namedPortDiagnostic(p: Policy, dir: Direction, rule: Rule, side: 'source' | 'destination', name: string, onSubject: boolean): Diagnostic {
  const proto = rule.protocol !== undefined ? ` (${protocolName(rule.protocol)})` : '';
  const r = rule.portsAt?.[side] ?? rule.range;
  // The first line only: a block that ends a document would otherwise reach into what follows
  // it, which differs between a whole file and one document re-read alone (incremental analysis).
  const endColumn = r.endLine === r.line ? r.endColumn : r.column + 1;
  return {
    code: 'NPC068', severity: 'warning', field: p.id.kind.includes('KubernetesNetworkPolicy') ? `spec.${dir}[${rule.index}].ports` : `spec.${dir}[${rule.index}].${side}.ports`,
    path: r.path, line: r.line, column: r.column, endLine: r.line, endColumn,
    message: `named port '${name}'${proto} is declared by no ${onSubject ? `endpoint ${p.id.kind} '${where(p)}' selects` : 'endpoint of the workspace'}: ` +
      'the rule never matches it (a container port with that name is missing or misspelt?)',
  };
}
