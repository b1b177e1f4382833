/**
 * Incremental workspace update for the common edit: files that hold only policies changed
 * (or were added or removed). Instead of rebuilding the whole workspace, the changed files
 * alone are compiled and their policies and diagnostics are spliced into the previous
 * workspace. Every case whose full rebuild could differ in anything but those policies is
 * refused (the caller then rebuilds everything): other kinds in the changed files, read
 * errors, duplicate names, new or vanishing tiers, diagnostics appearing in a file that had
 * none (their place in the list would be unknown), files reordered.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { Policy, Rule } from '../model/policy';
import type { Workspace } from '../model/workspace';
import type { IpRange } from '../net/ip';
import { readDocuments, type RawObject, type WorkspaceFile } from '../parse/documents';
import { CALICO_POLICY_KINDS } from '../parse/calico';
import { buildWorkspace, INTERNET_ID, withCidrNodes } from '../parse/workspace';
import { CIDR_NODE_PREFIX, cidrListKey, ruleCidrs } from '../parse/cidrs';

const CALICO_GROUPS = new Set(['projectcalico.org/v3', 'crd.projectcalico.org/v1']);

/**
 * What the duplicate check needs of every file: per path, the identity keys
 * (`group|kind|namespace|name`) of its objects for one text and whether the file holds nothing
 * but named plain policies and reads without error (entries are checked against the text);
 * and how many objects carry each key over the file list `of`. Shared by the sessions of one
 * editing history and updated in place.
 */
export interface IdentityIndex {
  files: Map<string, FileIdentity>;
  counts: Map<string, number>;
  of: readonly WorkspaceFile[] | null;
}

/** An empty index. */
export function identityIndex(): IdentityIndex {
  return { files: new Map(), counts: new Map(), of: null };
}

interface FileIdentity {
  text: string;
  keys: string[];
  /** The first line of each object (1-based), same order as `keys`. */
  lines: number[];
  policiesOnly: boolean;
}

/** The result of {@link patchWorkspace}. */
export interface WorkspacePatch {
  workspace: Workspace;
  /** Policies of the previous workspace that are gone (their file changed or was removed). */
  removed: Policy[];
  /** Policies compiled from the changed files. */
  added: Policy[];
  identities: IdentityIndex;
}

function identityKey(o: RawObject): string | null {
  const meta = o.value.metadata;
  if (!meta || typeof meta !== 'object') return null;
  const { name, namespace } = meta as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return null;
  return `${o.apiVersion.split('/')[0]}|${o.kind}|${typeof namespace === 'string' ? namespace : ''}|${name}`;
}

/** Kinds whose compilation reads nothing but the object itself (and that add no tier). */
function isPlainPolicy(o: RawObject): boolean {
  if (o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1') return true;
  if (!CALICO_GROUPS.has(o.apiVersion)) return false;
  return o.kind === 'StagedKubernetesNetworkPolicy' || Object.hasOwn(CALICO_POLICY_KINDS, o.kind);
}

function identityOf(file: WorkspaceFile, index: IdentityIndex): FileIdentity {
  const hit = index.files.get(file.path);
  if (hit && hit.text === file.text) return hit;
  const read = readDocuments([file]);
  const keys = read.objects.map((o) => identityKey(o) ?? '');
  const policiesOnly = read.diagnostics.length === 0 && read.objects.every((o, i) => keys[i] !== '' && isPlainPolicy(o));
  const entry = { text: file.text, keys, lines: read.objects.map((o) => o.range.line), policiesOnly };
  index.files.set(file.path, entry);
  return entry;
}

const DOCUMENT_START = /^---(\s|$)/;

/**
 * The YAML documents of `after` that differ from `before`, when they are one run of documents
 * and the line count is unchanged: lines [start, end) (0-based, `start` at a `---` line or 0).
 * YAML documents parse independently, so that run can be parsed alone, padded with empty lines
 * to keep every line number. Null for anything less plain (directives, `...` markers, moved
 * document boundaries).
 */
function changedDocuments(before: string, after: string): { start: number; end: number; lines: string[] } | null {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return null;
  if (b.some((l) => l.startsWith('%') || /^\.\.\.(\s|$)/.test(l))) return null;
  let first = 0;
  while (first < a.length && a[first] === b[first]) first++;
  if (first === a.length) return null;
  let last = a.length - 1;
  while (last > first && a[last] === b[last]) last--;
  for (let i = first; i <= last; i++) if (DOCUMENT_START.test(a[i]!) || DOCUMENT_START.test(b[i]!)) return null;
  let start = first;
  while (start > 0 && !DOCUMENT_START.test(b[start]!)) start--;
  let end = last + 1;
  while (end < b.length && !DOCUMENT_START.test(b[end]!)) end++;
  return { start, end, lines: b };
}

/** A changed file's policies and diagnostics after the edit. */
interface FileChange {
  policies: Policy[];
  diagnostics: Diagnostic[];
  removed: Policy[];
  added: Policy[];
}

/**
 * Compiles the edited documents of a policy file only, reusing the previous workspace's
 * policies and diagnostics of the others (they are unchanged, lines included). Null when the
 * edit is not confined to documents that can be parsed alone.
 */
function recompileDocuments(prev: Workspace, before: WorkspaceFile, after: WorkspaceFile, index: IdentityIndex): FileChange | null {
  const old = identityOf(before, index);
  const run = changedDocuments(before.text, after.text);
  if (!run) return null;
  // Parsing the padded text replaces the parse cache entry of this path; a later full read
  // parses the whole file again.
  const text = '\n'.repeat(run.start) + run.lines.slice(run.start, run.end).join('\n');
  const part = { path: after.path, text };
  const read = readDocuments([part]);
  const keys = read.objects.map((o) => identityKey(o) ?? '');
  if (read.diagnostics.length > 0 || read.objects.some((o, i) => keys[i] === '' || !isPlainPolicy(o))) return null;
  const inRun = (line: number) => line > run.start && line <= run.end;
  const before1 = (line: number) => line <= run.start;
  const pick = <T>(xs: readonly T[], line: (x: T) => number) => ({
    head: xs.filter((x) => before1(line(x))), mid: xs.filter((x) => inRun(line(x))), tail: xs.filter((x) => line(x) > run.end),
  });
  const oldObjects = pick(old.keys.map((k, i) => ({ k, line: old.lines[i]! })), (o) => o.line);
  index.files.set(after.path, {
    text: after.text, policiesOnly: true,
    keys: [...oldObjects.head.map((o) => o.k), ...keys, ...oldObjects.tail.map((o) => o.k)],
    lines: [...oldObjects.head.map((o) => o.line), ...read.objects.map((o) => o.range.line), ...oldObjects.tail.map((o) => o.line)],
  });
  const compiled = buildWorkspace([part], { endpointSlices: prev.endpointSlices });
  const policies = pick(prev.policies.filter((p) => p.range.path === after.path), (p) => p.range.line);
  const diagnostics = pick(prev.diagnostics.filter((d) => d.path === after.path), (d) => d.line);
  return {
    policies: [...policies.head, ...compiled.policies, ...policies.tail],
    diagnostics: [...diagnostics.head, ...compiled.diagnostics, ...diagnostics.tail],
    removed: policies.mid,
    added: compiled.policies,
  };
}

const cidrsOfPolicy = new WeakMap<Policy, IpRange[]>();
/** How many of a workspace's `cidrs` come from its policies (they come first). */
const policyCidrCount = new WeakMap<Workspace, number>();

/** Every CIDR of a policy's rules, in the order the workspace lists them (parse/workspace.ts). */
function policyCidrs(p: Policy): IpRange[] {
  const hit = cidrsOfPolicy.get(p);
  if (hit) return hit;
  const out: IpRange[] = [];
  const add = (rules: readonly Rule[]) => {
    for (const r of rules) for (const side of [r.source, r.destination]) out.push(...(side.nets ?? []), ...(side.notNets ?? []));
  };
  add(p.ingress);
  add(p.egress);
  cidrsOfPolicy.set(p, out);
  return out;
}

/**
 * The workspace of `files`, derived from the previous workspace (built from `prevFiles`)
 * when only policy files differ; null when a full rebuild is needed.
 */
export function patchWorkspace(prev: Workspace, prevFiles: readonly WorkspaceFile[], files: readonly WorkspaceFile[], identities: IdentityIndex): WorkspacePatch | null {
  const prevByPath = new Map(prevFiles.map((f) => [f.path, f]));
  const nextByPath = new Map(files.map((f) => [f.path, f]));
  if (prevByPath.size !== prevFiles.length || nextByPath.size !== files.length) return null;
  // Files present before and after keep their order (object order decides policy order and diagnostics).
  const keptPrev = prevFiles.filter((f) => nextByPath.has(f.path)).map((f) => f.path);
  const keptNext = files.filter((f) => prevByPath.has(f.path)).map((f) => f.path);
  if (keptPrev.some((p, i) => p !== keptNext[i])) return null;

  const changed = new Set<string>();
  for (const f of files) if (prevByPath.get(f.path)?.text !== f.text) changed.add(f.path);
  for (const f of prevFiles) if (!nextByPath.has(f.path)) changed.add(f.path);
  const index = identities;
  if (changed.size === 0) {
    if (index.of === prevFiles) index.of = files;
    return { workspace: prev, removed: [], added: [], identities: index };
  }

  // The changed files, before and after: plain policies only, names unique across the workspace.
  if (index.of !== prevFiles) {
    index.counts.clear();
    for (const f of prevFiles) for (const k of identityOf(f, index).keys) index.counts.set(k, (index.counts.get(k) ?? 0) + 1);
    index.of = prevFiles;
  }
  const counts = index.counts;
  const changes = new Map<string, FileChange>();
  const oldKeys: string[] = [];
  const newKeys = new Set<string>();
  for (const path of changed) {
    const before = prevByPath.get(path);
    if (!before) continue;
    const own = identityOf(before, index);
    if (!own.policiesOnly) return null;
    for (const k of own.keys) {
      if (counts.get(k) !== 1) return null; // a duplicate: which one counts depends on the order
      oldKeys.push(k);
    }
  }
  const oldSet = new Set(oldKeys);
  for (const path of changed) {
    const before = prevByPath.get(path);
    const after = nextByPath.get(path);
    const old = prev.policies.filter((p) => p.range.path === path);
    let change: FileChange | null = before && after ? recompileDocuments(prev, before, after, index) : null;
    if (!change && after) {
      if (!identityOf(after, index).policiesOnly) return null;
      const compiled = buildWorkspace([after], { endpointSlices: prev.endpointSlices });
      change = { policies: compiled.policies, diagnostics: compiled.diagnostics, removed: old, added: compiled.policies };
    }
    change ??= { policies: [], diagnostics: [], removed: old, added: [] };
    if (after) {
      for (const k of identityOf(after, index).keys) {
        if ((counts.has(k) && !oldSet.has(k)) || newKeys.has(k)) return null;
        newKeys.add(k);
      }
    }
    if (change.diagnostics.some((d) => d.path !== path)) return null;
    changes.set(path, change);
  }
  const added = [...changes.values()].flatMap((c) => c.added);
  const removed = [...changes.values()].flatMap((c) => c.removed);
  const kept = prev.policies.filter((p) => !changed.has(p.range.path));

  // Tiers: no new implied tier, and no implied tier left without policies.
  const referenced = new Set([...kept, ...added].map((p) => p.id.tier));
  if (added.some((p) => !prev.tiers.has(p.id.tier))) return null;
  const orphan = removed.filter((p) => p.id.tier !== 'default' && !referenced.has(p.id.tier)).map((p) => p.id.tier);
  if (orphan.length > 0) {
    const definedTiers = new Set([...counts.keys()].filter((k) => /^[^|]+\|Tier\|/.test(k)).map((k) => k.split('|')[3]!));
    if (orphan.some((t) => !definedTiers.has(t))) return null;
  }

  // Diagnostics: each changed file's new diagnostics take the place of its old ones.
  const fresh = new Map<string, Diagnostic[]>();
  for (const [path, c] of changes) if (c.diagnostics.length > 0) fresh.set(path, c.diagnostics);
  const diagnostics: Diagnostic[] = [];
  const placed = new Set<string>();
  let last: string | null = null;
  for (const d of prev.diagnostics) {
    if (changed.has(d.path)) {
      if (placed.has(d.path) && last !== d.path) return null; // not one run: not only the policy loop's
      if (!placed.has(d.path)) {
        placed.add(d.path);
        diagnostics.push(...(fresh.get(d.path) ?? []));
      }
    } else diagnostics.push(d);
    last = d.path;
  }
  for (const path of fresh.keys()) if (!placed.has(path)) return null;

  // Policies in object order: file by file.
  const byPath = new Map<string, Policy[]>();
  for (const p of kept) {
    const list = byPath.get(p.range.path);
    if (list) list.push(p);
    else byPath.set(p.range.path, [p]);
  }
  for (const [path, c] of changes) byPath.set(path, c.policies);
  const policies = files.flatMap((f) => byPath.get(f.path) ?? []);
  let prevCount = policyCidrCount.get(prev);
  if (prevCount === undefined) {
    const prevPolicyCidrs = prev.policies.flatMap(policyCidrs);
    if (prevPolicyCidrs.some((c, i) => prev.cidrs[i] !== c)) return null;
    prevCount = prevPolicyCidrs.length;
  }
  const policyPart = policies.flatMap(policyCidrs);
  // The graph nodes stay the same objects unless the rules' CIDRs (hence the `cidr:` nodes) changed.
  const profiles = [...prev.profiles.values()];
  const sameCidrs = cidrListKey(ruleCidrs([...prev.policies, ...profiles])) === cidrListKey(ruleCidrs([...policies, ...profiles]));
  const nodes = sameCidrs ? prev.nodes : withCidrNodes(prev.nodes.filter((n) => !n.id.startsWith(CIDR_NODE_PREFIX) && n.id !== INTERNET_ID), policies, prev.profiles, prev.networkSets);
  const workspace: Workspace = { ...prev, policies, diagnostics, nodes, cidrs: [...policyPart, ...prev.cidrs.slice(prevCount)] };
  policyCidrCount.set(workspace, policyPart.length);
  // Committed: the key counts now describe `files`.
  for (const k of oldKeys) counts.delete(k);
  for (const k of newKeys) counts.set(k, 1);
  index.of = files;
  return { workspace, removed, added, identities: index };
}
