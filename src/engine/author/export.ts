import { readDocuments, type RawObject, type WorkspaceFile } from '../parse/documents';
import { documentSource, renderDocuments, type ObjectEdit } from '../parse/rewrite';
import { isK8sPolicy, k8sToCalicoPolicy, keptMetadata, serverFieldEdits, toEnforced, toStaged } from './convert';

/**
 * Export: the workspace's policies (and the Calico objects they depend on) as YAML that
 * `calicoctl apply -f` / `kubectl apply -f` accept. Documents the export does not change keep
 * their text (comments, key order); converted ones are rendered. Every resource gets a line in
 * the report: exported, converted, or skipped with the reason. One implementation for the UI
 * and the CLI (`netpol-canvas export`).
 */

export interface ExportOptions {
  /** calicoctl applies Calico kinds only; kubectl applies Kubernetes kinds and, with the Calico API server, projectcalico.org/v3. */
  target: 'calicoctl' | 'kubectl';
  /** Kubernetes NetworkPolicies written as the equivalent Calico NetworkPolicies (SPEC §3.7). */
  convertK8s?: boolean;
  /** Every policy in its staged form (a draft to review before it enforces). */
  stage?: boolean;
  /** Every staged policy promoted: Set replaces the enforced one, Delete removes it. */
  enforce?: boolean;
  /**
   * Calico ≤ 3.31 requires a policy outside the default tier to be named `<tier>.<name>`
   * (SPEC §0); 3.32 and later do not. Default 3.32.
   */
  calicoVersion?: '3.31' | '3.32';
  /** Only the policies of one tier, or one policy (by its kind as written, namespace and name), with the Tiers they are in. */
  only?: { tier: string } | { kind: string; namespace?: string; name: string };
}

export interface ExportEntry {
  path: string;
  kind: string;
  namespace?: string;
  name: string;
  status: 'exported' | 'converted' | 'skipped';
  /** Why skipped, or what changed (kind, name). */
  note?: string;
}

export interface ExportResult {
  /** Multi-document YAML, ready to apply. */
  text: string;
  /** The exported objects as data (what `text` reads back as). */
  documents: Record<string, unknown>[];
  report: ExportEntry[];
  /** Every tier a policy of the workspace is in (what `only.tier` can choose), sorted. */
  tiers: string[];
}

type Obj = Record<string, unknown>;

const CALICO = 'projectcalico.org/v3';
const CALICO_V1 = 'crd.projectcalico.org/v1';
const CALICO_POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy']);
/** Calico objects policies refer to: exported with them. */
const CALICO_SUPPORT_KINDS = new Set(['Tier', 'NetworkSet', 'GlobalNetworkSet']);
const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);

interface Item {
  raw: RawObject;
  value: Obj;
  /** Set once the value differs from the file's (a conversion, a rename). */
  changed: boolean;
  notes: string[];
}

/**
 * The edits that turn `before` into `after`, as deep as it keeps the user's text: a map is
 * edited key by key when at most one key is new (a rename, an added stagedAction), and set
 * whole otherwise (a converted spec reads in its own key order).
 */
export function diffEdits(before: Obj, after: Obj, at: (string | number)[] = [], depth = 2): ObjectEdit[] {
  const edits: ObjectEdit[] = [];
  for (const key of Object.keys(before)) if (!(key in after)) edits.push({ op: 'delete', at: [...at, key] });
  for (const [key, v] of Object.entries(after)) {
    const old = before[key];
    if (JSON.stringify(old) === JSON.stringify(v)) continue;
    const added = isObj(old) && isObj(v) ? Object.keys(v).filter((k) => !(k in old)).length : Infinity;
    if (depth > 1 && isObj(old) && isObj(v) && added <= 1) edits.push(...diffEdits(old, v, [...at, key], depth - 1));
    else edits.push({ op: 'set', at: [...at, key], value: v });
  }
  return edits;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const metaOf = (v: Obj) => (isObj(v.metadata) ? v.metadata : {});
/** A policy's identity: kind, API group (a Calico and a Kubernetes NetworkPolicy may share a name), namespace, name. */
const keyOf = (kind: string, v: Obj) => `${kind}\u0000${String(v.apiVersion ?? '').startsWith('networking.k8s.io') ? 'k8s' : 'calico'}\u0000${String(metaOf(v).namespace ?? '')}\u0000${String(metaOf(v).name ?? '')}`;

export function exportWorkspace(files: readonly WorkspaceFile[], options: ExportOptions): ExportResult {
  if (options.stage && options.enforce) throw new Error('stage and enforce exclude each other');
  const report: ExportEntry[] = [];
  const entry = (raw: RawObject, value: Obj, status: ExportEntry['status'], note?: string): ExportEntry => {
    const meta = metaOf(value);
    return {
      path: raw.path, kind: String(value.kind), name: String(meta.name ?? ''),
      ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}), status, ...(note ? { note } : {}),
    };
  };

  let items: Item[] = [];
  for (const raw of readDocuments(files).objects) {
    const value = raw.value;
    const calico = value.apiVersion === CALICO || value.apiVersion === CALICO_V1;
    const policyLike = (calico && (CALICO_POLICY_KINDS.has(raw.kind) || CALICO_SUPPORT_KINDS.has(raw.kind))) || isK8sPolicy(value) || ADMIN_KINDS.has(raw.kind);
    if (!policyLike) {
      report.push(entry(raw, value, 'skipped', 'describes the cluster, not its policies'));
      continue;
    }
    const item: Item = { raw, value, changed: false, notes: [] };
    if (value.apiVersion === CALICO_V1) {
      // The backing-store form of the same object: calicoctl and the API server take v3.
      item.value = { ...value, apiVersion: CALICO };
      item.changed = true;
      item.notes.push(`apiVersion ${CALICO_V1} -> ${CALICO}`);
    }
    items.push(item);
  }

  for (const item of items) if (item.value.apiVersion === CALICO) withoutSetDuplicates(item);
  if (options.enforce) items = enforceAll(items, (item, note) => report.push(entry(item.raw, item.value, 'skipped', note)));
  if (options.convertK8s) items = items.map(convertK8s(items));
  if (options.stage) {
    for (const item of items) {
      if (item.value.kind === 'Tier' || CALICO_SUPPORT_KINDS.has(String(item.value.kind)) || String(item.value.kind).startsWith('Staged')) continue;
      const staged = toStaged(item.value);
      if (!staged) {
        item.notes.push('has no staged form');
        continue;
      }
      item.notes.push(`${String(item.value.kind)} -> ${String(staged.kind)}`);
      item.value = staged;
      item.changed = true;
    }
  }
  const tiers = [...new Set(items.filter((i) => !CALICO_SUPPORT_KINDS.has(i.raw.kind)).map((i) => tierOf(i.value)))].sort();
  if (options.only) {
    const only = options.only;
    const chosen = (item: Item) => ('tier' in only ? tierOf(item.value) === only.tier
      : item.raw.kind === only.kind && metaOf(item.raw.value).name === only.name && (metaOf(item.raw.value).namespace ?? undefined) === only.namespace);
    // The Tiers of the chosen policies go along (calicoctl refuses a policy of an unknown tier).
    const tiersUsed = new Set(items.filter((i) => !CALICO_SUPPORT_KINDS.has(i.raw.kind) && chosen(i)).map((i) => tierOf(i.value)));
    items = items.filter((item) => {
      const keep = item.raw.kind === 'Tier' ? tiersUsed.has(String(metaOf(item.value).name)) : !CALICO_SUPPORT_KINDS.has(item.raw.kind) && chosen(item);
      if (!keep) report.push(entry(item.raw, item.value, 'skipped', 'not in the selection'));
      return keep;
    });
  }
  if (options.calicoVersion === '3.31') for (const item of items) tierPrefixedName(item);

  const texts: string[] = [];
  for (const item of items) {
    const kind = String(item.value.kind);
    const k8sKind = isK8sPolicy(item.value) || ADMIN_KINDS.has(kind);
    if (options.target === 'calicoctl' && k8sKind) {
      report.push(entry(item.raw, item.value, 'skipped', isK8sPolicy(item.value)
        ? 'a Kubernetes NetworkPolicy: kubectl applies it, or convert it to a Calico NetworkPolicy'
        : 'calicoctl does not apply Kubernetes admin network policies: use kubectl'));
      continue;
    }
    texts.push(sourceText(files, item));
    report.push(entry(item.raw, item.value, item.changed ? 'converted' : 'exported', item.notes.join('; ') || undefined));
  }
  const text = texts.join('---\n');
  // What the text reads back as, exactly (the copied documents carry what their files had).
  const documents = readDocuments([{ path: 'export.yaml', text }]).objects.map((o) => o.value);
  return { text, documents, report, tiers };
}

/**
 * The document's own text, edited: server-side noise out, and a conversion as edits of it, so
 * its comments and key order stay. List items and unreadable documents are rendered.
 */
function sourceText(files: readonly WorkspaceFile[], item: Item): string {
  if (item.raw.base.length === 0) {
    const file = files.find((f) => f.path === item.raw.path);
    const edits: ObjectEdit[] = serverFieldEdits(item.raw.value);
    if (item.changed) edits.push(...diffEdits(item.raw.value, item.value));
    const text = file && documentSource(file.text, item.raw.docIndex, edits);
    if (typeof text === 'string') return text;
  }
  return renderDocuments([stripped(item.value)]);
}

function stripped(value: Obj): Obj {
  const { status: _status, ...rest } = value;
  return { ...rest, metadata: keptMetadata(metaOf(value)) };
}

/** Staged policies promoted (SPEC §7.3): Set replaces the enforced one of that name, Delete removes it. */
function enforceAll(items: Item[], dropped: (item: Item, note: string) => void): Item[] {
  const promoted = new Map<string, Item>();
  const deleted = new Set<string>();
  for (const item of items) {
    const r = toEnforced(item.value);
    if (!r) continue;
    if ('deletes' in r) deleted.add(keyOf(r.deletes.kind, { apiVersion: r.deletes.apiVersion, metadata: { namespace: r.deletes.namespace, name: r.deletes.name } }));
    else promoted.set(keyOf(String(r.policy.kind), r.policy), { ...item, value: r.policy, changed: true, notes: [...item.notes, `${String(item.value.kind)} -> ${String(r.policy.kind)}`] });
  }
  const out: Item[] = [];
  for (const item of items) {
    const r = toEnforced(item.value);
    if (r) {
      if ('policy' in r) out.push(promoted.get(keyOf(String(r.policy.kind), r.policy))!);
      else dropped(item, 'a staged Delete: enforcing it removes the policy of its name');
      continue;
    }
    const key = keyOf(String(item.value.kind), item.value);
    if (deleted.has(key)) dropped(item, 'deleted by its staged Delete');
    else if (promoted.has(key)) dropped(item, 'replaced by its staged version');
    else out.push(item);
  }
  return out;
}

/** Kubernetes NetworkPolicies as Calico ones, named apart from a Calico policy of the same name. */
function convertK8s(items: readonly Item[]) {
  const calicoNames = new Set(items.filter((i) => i.value.kind === 'NetworkPolicy' && !isK8sPolicy(i.value)).map((i) => keyOf('NetworkPolicy', i.value)));
  return (item: Item): Item => {
    if (!isK8sPolicy(item.value)) return item;
    const meta = metaOf(item.value);
    // Converted, it is a Calico NetworkPolicy: does one of that name exist?
    const clash = calicoNames.has(keyOf('NetworkPolicy', { ...item.value, apiVersion: CALICO }));
    const name = clash ? `${String(meta.name)}-k8s` : String(meta.name);
    const note = `Kubernetes NetworkPolicy -> Calico NetworkPolicy${clash ? ` named ${name} (a Calico NetworkPolicy has its name)` : ''}`;
    return { ...item, value: k8sToCalicoPolicy(item.value, name), changed: true, notes: [...item.notes, note] };
  };
}

/** The tier a policy is ordered in (SPEC §3.7, §5.3: Kubernetes policies in default; admin ones in their own). */
function tierOf(value: Obj): string {
  if (value.kind === 'AdminNetworkPolicy') return 'adminnetworkpolicy';
  if (value.kind === 'BaselineAdminNetworkPolicy') return 'baselineadminnetworkpolicy';
  const spec = isObj(value.spec) ? value.spec : {};
  return typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : 'default';
}

/** SPEC §0: before Calico 3.32 a policy outside the default tier is named `<tier>.<name>`. */
function tierPrefixedName(item: Item): void {
  const kind = String(item.value.kind);
  if (!CALICO_POLICY_KINDS.has(kind) || kind === 'StagedKubernetesNetworkPolicy' || isK8sPolicy(item.value)) return;
  const tier = tierOf(item.value);
  const meta = metaOf(item.value);
  const name = String(meta.name);
  if (tier === 'default' || name.startsWith(`${tier}.`)) return;
  item.value = { ...item.value, metadata: { ...meta, name: `${tier}.${name}` } };
  item.changed = true;
  item.notes.push(`named ${tier}.${name} (Calico 3.31 names policies by tier)`);
}

/**
 * The fields the Calico CRDs declare `x-kubernetes-list-type: set` (the API server rejects a
 * duplicate entry there; Calico itself treats them as sets, so dropping one changes nothing).
 */
const SET_FIELDS = [
  ['spec', 'types'], ['spec', 'nets'], ['spec', 'expectedIPs'], ['spec', 'profiles'], ['spec', 'performanceHints'],
  ...['ingress', 'egress'].flatMap((dir) => ['source', 'destination'].flatMap((side) => [
    ['spec', dir, '[]', side, 'nets'], ['spec', dir, '[]', side, 'notNets'], ['spec', dir, '[]', side, 'serviceAccounts', 'names'],
  ])),
];

function withoutSetDuplicates(item: Item): void {
  const copy = JSON.parse(JSON.stringify(item.value)) as Obj;
  let removed = 0;
  const visit = (v: unknown, path: readonly string[]): unknown => {
    if (path.length === 0) {
      if (!Array.isArray(v)) return v;
      const unique = [...new Map(v.map((x) => [JSON.stringify(x), x])).values()];
      removed += v.length - unique.length;
      return unique;
    }
    const [head, ...rest] = path;
    if (head === '[]') return Array.isArray(v) ? v.map((x) => visit(x, rest)) : v;
    if (!isObj(v) || !(head! in v)) return v;
    v[head!] = visit(v[head!], rest);
    return v;
  };
  for (const path of SET_FIELDS) visit(copy, path);
  if (removed === 0) return;
  item.value = copy;
  item.changed = true;
  item.notes.push(`${removed} duplicate entr${removed === 1 ? 'y' : 'ies'} of a set removed (the API server rejects them)`);
}
