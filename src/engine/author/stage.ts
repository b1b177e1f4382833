import type { BoardPolicy } from '../explain/board';
import { readDocuments, type RawObject, type WorkspaceFile } from '../parse/documents';
import { editObject, removeObject } from '../parse/rewrite';
import type { FileChange } from './connect';
import { isK8sPolicy, toEnforced, toStaged } from './convert';
import { diffEdits } from './export';
import type { PolicyRef } from './reorder';

/**
 * Draft workflow (SPEC §1.4, §4.9, §7.3): "Stage" turns a policy into its staged form in place
 * (it stops being enforced; the pending scope still has it); "Enforce" promotes a staged policy:
 * `Set` becomes the enforced policy (replacing an enforced one of the same kind and name),
 * `Delete` removes the enforced one and itself. Edits of the documents as written.
 */

type Obj = Record<string, unknown>;
const meta = (v: Obj) => (v.metadata ?? {}) as { name?: unknown; namespace?: unknown };

/** The document of a board policy: its kind as written, and the API group telling K8s from Calico. */
function find(files: readonly WorkspaceFile[], ref: PolicyRef): RawObject | undefined {
  const k8s = ref.kind === 'KubernetesNetworkPolicy';
  return readDocuments(files).objects.find((o) => {
    const m = meta(o.value);
    if (m.name !== ref.name || (m.namespace ?? undefined) !== (ref.namespace ?? undefined)) return false;
    return k8s ? isK8sPolicy(o.value) : o.kind === ref.kind && !isK8sPolicy(o.value);
  });
}

function rewrite(files: readonly WorkspaceFile[], o: RawObject, next: Obj | null): { text: string } | { error: string } {
  const text = files.find((f) => f.path === o.path)!.text;
  return next === null ? removeObject(text, { docIndex: o.docIndex, base: o.base }) : editObject(text, { docIndex: o.docIndex, base: o.base }, diffEdits(o.value, next));
}

const label = (p: { kind: string; namespace?: string; name: string }) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;

export function planStage(files: readonly WorkspaceFile[], ref: PolicyRef): FileChange[] | { error: string } {
  if (ref.kind.startsWith('Staged')) return { error: `${ref.name} is staged already` };
  const o = find(files, ref);
  if (!o) return { error: `no ${label(ref)} in the workspace` };
  const staged = toStaged(o.value);
  if (!staged) return { error: `a ${ref.kind} has no staged form` };
  const r = rewrite(files, o, staged);
  if ('error' in r) return r;
  return [{ path: o.path, before: files.find((f) => f.path === o.path)!.text, after: r.text, summary: [`${label(ref)} staged as ${String(staged.kind)}: it no longer enforces`] }];
}

export function planEnforce(files: readonly WorkspaceFile[], ref: PolicyRef): FileChange[] | { error: string } {
  const o = find(files, ref);
  if (!o) return { error: `no ${label(ref)} in the workspace` };
  const promoted = toEnforced(o.value);
  if (!promoted) return { error: `${ref.name} is not staged` };
  const target = 'policy' in promoted
    ? { kind: String(promoted.policy.kind), apiVersion: String(promoted.policy.apiVersion), name: String(meta(promoted.policy).name), namespace: meta(promoted.policy).namespace as string | undefined }
    : promoted.deletes;
  const boardKind = (target.apiVersion.startsWith('networking.k8s.io') ? 'KubernetesNetworkPolicy' : target.kind) as BoardPolicy['kind'];
  const enforced = find(files, { kind: boardKind, name: target.name, ...(target.namespace ? { namespace: target.namespace } : {}) });
  // Bottom-up within a file, so the first edit does not move the second's document.
  const steps: { o: RawObject; next: Obj | null; line: string }[] = [
    { o, next: 'policy' in promoted ? promoted.policy : null, line: 'policy' in promoted ? `${label(ref)} enforced as ${label(target)}` : `${label(ref)} (stagedAction Delete) removed` },
    ...(enforced ? [{ o: enforced, next: null, line: 'policy' in promoted ? `the enforced ${label(target)} it replaces removed` : `${label(target)} deleted` }] : []),
  ].sort((a, b) => (a.o.path === b.o.path ? b.o.docIndex - a.o.docIndex || b.o.range.line - a.o.range.line : 0));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const summary = new Map<string, string[]>();
  for (const step of steps) {
    const current = [...texts].map(([path, text]) => ({ path, text }));
    const r = rewrite(current, step.o, step.next);
    if ('error' in r) return r;
    texts.set(step.o.path, r.text);
    summary.set(step.o.path, [...(summary.get(step.o.path) ?? []), step.line]);
  }
  return [...summary].map(([path, lines]) => ({ path, before: files.find((f) => f.path === path)!.text, after: texts.get(path)!, summary: lines }));
}
