import type { BoardPolicy, BoardTier } from '../explain/board';
import { readDocuments, type WorkspaceFile } from '../parse/documents';
import { appendDocument, editObject, findObject, removeObject, type ObjectEdit } from '../parse/rewrite';
import type { FileChange } from './connect';

/**
 * Board edits as file changes: a policy moved to a place in a tier rewrites its own `order`
 * (and `tier` when it changes tier) and nothing else when an order strictly between its new
 * neighbours exists; tiers are created, renamed (with every policy naming them) and deleted.
 */

export interface PolicyRef {
  kind: BoardPolicy['kind'];
  namespace?: string;
  name: string;
}

const same = (p: BoardPolicy, ref: PolicyRef) => p.kind === ref.kind && p.name === ref.name && (p.namespace ?? undefined) === (ref.namespace ?? undefined);

/** How a board policy is written: its kind and API group (for findObject). */
function written(p: PolicyRef & { name: string; namespace?: string }) {
  const k8s = p.kind === 'KubernetesNetworkPolicy';
  const group = k8s ? 'networking.k8s.io' : p.kind === 'AdminNetworkPolicy' || p.kind === 'BaselineAdminNetworkPolicy' ? 'policy.networking.k8s.io' : 'projectcalico.org';
  return { kind: k8s ? 'NetworkPolicy' : p.kind, apiGroup: group, name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}) };
}

/**
 * The order that puts a policy between `prev` and `next` (SPEC §4.4: ascending, nil last): the
 * round midpoint, or a fraction (orders are float64) when the neighbours are one apart; null
 * when they tie (the name decides between equals: no order fits between them).
 */
export function orderBetween(prev: number | null | undefined, next: number | null | undefined): number | null | 'nil' {
  // After a policy without order: only the name places it among the unordered ones.
  if (prev === null) return null;
  if (prev === undefined && next === undefined) return 'nil';
  // First, before policies without order: any order sorts before them.
  if (prev === undefined && next === null) return 100;
  if (prev === undefined) return next! >= 1 ? Math.floor(next! / 2) : next! - 1;
  if (next === undefined || next === null) return prev + 100;
  if (next <= prev) return null;
  const mid = (prev + next) / 2;
  return Math.floor(mid) > prev ? Math.floor(mid) : mid;
}

export function planMove(files: readonly WorkspaceFile[], board: readonly BoardTier[], ref: PolicyRef, toTier: string, toIndex: number): FileChange[] | { error: string } {
  const from = board.flatMap((t) => t.policies).find((p) => same(p, ref));
  if (!from) return { error: `no ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} on the board` };
  if (from.fixedOrder) return { error: `${from.name} is a ${from.kind}: its place is fixed (Kubernetes policies at order 1000 in tier default)` };
  const tier = board.find((t) => t.name === toTier);
  if (!tier) return { error: `no tier ${toTier}` };
  const others = tier.policies.filter((p) => !same(p, ref));
  const i = Math.max(0, Math.min(toIndex, others.length));
  const order = orderBetween(i > 0 ? others[i - 1]!.order : undefined, i < others.length ? others[i]!.order : undefined);
  if (order === null) {
    const prev = others[i - 1]!;
    return { error: prev.order === null
      ? `${prev.name} has no order (policies without one sort by name): give it an order first`
      : `${prev.name} and ${others[i]!.name} have the same order (${String(prev.order)}): give them different orders first` };
  }
  // Alone in its tier, a policy keeps the order it has; else the order that puts it there.
  const keep = others.length === 0;
  const edits: ObjectEdit[] = keep ? [] : order === 'nil' ? [{ op: 'delete', at: ['spec', 'order'] }] : [{ op: 'set', at: ['spec', 'order'], value: order }];
  if (toTier !== from.tier) edits.push(toTier === 'default' ? { op: 'delete', at: ['spec', 'tier'] } : { op: 'set', at: ['spec', 'tier'], value: toTier });
  const file = files.find((f) => f.path === from.path);
  if (!file) return { error: `${from.path} is not in the workspace` };
  const address = findObject(file.text, written(from));
  if (!address) return { error: `${from.path} has no ${from.kind} ${from.name}` };
  const r = editObject(file.text, address, edits);
  if ('error' in r) return r;
  const where = keep ? `order ${String(from.order ?? 'none')}` : order === 'nil' ? 'no order (last)' : `order ${String(from.order ?? 'none')} -> ${order}`;
  return [{ path: file.path, before: file.text, after: r.text, summary: [`${from.kind} ${from.namespace ? `${from.namespace}/` : ''}${from.name}: ${toTier !== from.tier ? `tier ${from.tier} -> ${toTier}, ` : ''}${where}`] }];
}

const TIER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function planCreateTier(files: readonly WorkspaceFile[], board: readonly BoardTier[], name: string, order: number | null, file: string): FileChange[] | { error: string } {
  if (!TIER_NAME.test(name) || name.length > 63) return { error: `"${name}" is not a tier name (lower case letters, digits and '-')` };
  if (board.some((t) => t.name === name && !t.implied)) return { error: `tier ${name} exists` };
  const before = files.find((f) => f.path === file)?.text ?? '';
  const doc = { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name }, spec: { ...(order !== null ? { order } : {}) } };
  return [{ path: file, before, after: appendDocument(before, doc).text, summary: [`new Tier ${name}${order !== null ? ` at order ${order}` : ''}`] }];
}

export function planRenameTier(files: readonly WorkspaceFile[], board: readonly BoardTier[], from: string, to: string): FileChange[] | { error: string } {
  const tier = board.find((t) => t.name === from);
  if (!tier?.path) return { error: `tier ${from} is not defined by a Tier of the workspace` };
  if (!TIER_NAME.test(to) || to.length > 63) return { error: `"${to}" is not a tier name (lower case letters, digits and '-')` };
  if (board.some((t) => t.name === to)) return { error: `tier ${to} exists` };
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const summary = new Map<string, string[]>();
  const edit = (path: string, ref: { kind: string; name: string; namespace?: string; apiGroup?: string }, edits: ObjectEdit[], line: string): string | null => {
    const text = texts.get(path)!;
    const address = findObject(text, ref);
    if (!address) return `${path} has no ${ref.kind} ${ref.name}`;
    const r = editObject(text, address, edits);
    if ('error' in r) return r.error;
    texts.set(path, r.text);
    summary.set(path, [...(summary.get(path) ?? []), line]);
    return null;
  };
  const problem = edit(tier.path, { kind: 'Tier', name: from }, [{ op: 'set', at: ['metadata', 'name'], value: to }], `Tier ${from} -> ${to}`);
  if (problem) return { error: problem };
  for (const p of tier.policies) {
    const e = edit(p.path, written(p), [{ op: 'set', at: ['spec', 'tier'], value: to }], `${p.kind} ${p.name}: tier ${to}`);
    if (e) return { error: e };
  }
  return [...summary].map(([path, lines]) => ({ path, before: files.find((f) => f.path === path)!.text, after: texts.get(path)!, summary: lines }));
}

export function planDeleteTier(files: readonly WorkspaceFile[], board: readonly BoardTier[], name: string): FileChange[] | { error: string } {
  const tier = board.find((t) => t.name === name);
  if (!tier?.path) return { error: `tier ${name} is not defined by a Tier of the workspace` };
  if (tier.policies.length > 0) return { error: `tier ${name} still has ${tier.policies.length} polic${tier.policies.length === 1 ? 'y' : 'ies'}: move or delete them first` };
  const file = files.find((f) => f.path === tier.path)!;
  const o = readDocuments([file]).objects.find((x) => x.kind === 'Tier' && (x.value.metadata as { name?: unknown } | undefined)?.name === name);
  if (!o) return { error: `${file.path} has no Tier ${name}` };
  const r = removeObject(file.text, { docIndex: o.docIndex, base: o.base });
  if ('error' in r) return r;
  return [{ path: file.path, before: file.text, after: r.text, summary: [`Tier ${name} deleted`] }];
}
