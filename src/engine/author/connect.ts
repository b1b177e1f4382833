import type { NodeData } from '../analysis';
import { readDocuments, type WorkspaceFile } from '../parse/documents';
import { appendDocument, editObject, type ObjectEdit } from '../parse/rewrite';
import { labelSelectorToCalico } from './convert';

/**
 * Authoring by pointing at the graph: "let busybox talk to nginx on TCP 80" becomes the rule(s)
 * that say it, on the side(s) asked for, written into the policy of the same shape when the
 * workspace has one (same kind, namespace, selector, tier, order), else into a new policy. Pure:
 * files in, changed file texts out; the caller evaluates the result (the preview's impact).
 */

export type PolicyFlavour = 'KubernetesNetworkPolicy' | 'NetworkPolicy' | 'GlobalNetworkPolicy';

export interface ConnectRequest {
  source: NodeData;
  target: NodeData;
  action: 'Allow' | 'Deny' | 'Pass' | 'Log';
  /** Unset: every protocol (then no ports). */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** Destination ports: numbers, `"lo:hi"` ranges, named ports. Empty: all ports of the protocol. */
  ports?: (number | string)[];
  /** Ingress on the target, egress on the source, or both. */
  sides: ('ingress' | 'egress')[];
  flavour: PolicyFlavour;
  staged?: boolean;
  /** Calico only. */
  tier?: string;
  order?: number;
  /** The file new policies go to (default: the file of the first policy, else `policies.yaml`). */
  file?: string;
  /**
   * Calico: end a new policy with `Pass`. A Deny for one flow in a tier that did not apply to the
   * endpoint before would make the tier apply, and its end-of-tier deny would drop every other
   * flow (SPEC §4.5, §4.6); passing them on keeps them as they were.
   */
  passOthers?: boolean;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** What was written, for the preview: `added rule 2 to NetworkPolicy default/nginx-ingress`. */
  summary: string[];
}

type Obj = Record<string, unknown>;

/**
 * Labels that name one pod or one rollout rather than what the workload is (they change with
 * every rollout or differ per replica): never used in a selector we write.
 */
const UNSTABLE_LABELS = [
  'pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index', 'batch.kubernetes.io/controller-uid', 'controller-uid', 'batch.kubernetes.io/job-name',
  'job-name', 'batch.kubernetes.io/job-completion-index',
];

/** The labels a selector for this workload may use. */
export function stableLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !UNSTABLE_LABELS.includes(k)).sort(([a], [b]) => a.localeCompare(b)));
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const CALICO = 'projectcalico.org/v3';
const nsSelector = (ns: string) => `projectcalico.org/name == '${ns}'`;

export function planConnect(files: readonly WorkspaceFile[], req: ConnectRequest): FileChange[] | { error: string } {
  if (req.sides.length === 0) return { error: 'choose where to write the rule: ingress on the target, egress on the source, or both' };
  if (req.flavour === 'KubernetesNetworkPolicy' && req.action !== 'Allow') return { error: `Kubernetes NetworkPolicies only allow: use a Calico policy to ${req.action.toLowerCase()}` };
  if (req.ports && req.ports.length > 0 && !req.protocol) return { error: 'ports need a protocol (TCP, UDP or SCTP)' };
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const changes = new Map<string, FileChange>();
  const write = (path: string, after: string, summary: string) => {
    const c = changes.get(path) ?? { path, before: texts.get(path) ?? '', after: '', summary: [] };
    c.after = after;
    c.summary.push(summary);
    changes.set(path, c);
    texts.set(path, after);
  };
  for (const side of req.sides) {
    const endpoint = side === 'ingress' ? req.target : req.source;
    const peer = side === 'ingress' ? req.source : req.target;
    const r = writeSide(req, side, endpoint, peer, [...texts].map(([path, text]) => ({ path, text })), defaultFile(files, req));
    if ('error' in r) return r;
    write(r.path, r.text, r.summary);
  }
  return [...changes.values()];
}

function defaultFile(files: readonly WorkspaceFile[], req: ConnectRequest): string {
  if (req.file) return req.file;
  const withPolicy = readDocuments(files).objects.find((o) => /NetworkPolicy$/.test(o.kind));
  return withPolicy?.path ?? 'policies.yaml';
}

function writeSide(req: ConnectRequest, side: 'ingress' | 'egress', endpoint: NodeData, peer: NodeData, files: WorkspaceFile[], file: string): { path: string; text: string; summary: string } | { error: string } {
  if (endpoint.kind !== 'workload' && !(endpoint.kind === 'hostendpoint' && req.flavour === 'GlobalNetworkPolicy')) {
    return { error: `${endpoint.name} is not a workload: no policy applies to it, so ${side} cannot be written there` };
  }
  if (endpoint.kind === 'workload' && req.flavour === 'GlobalNetworkPolicy' && !endpoint.namespace) return { error: `${endpoint.name} has no namespace` };
  const labels = stableLabels(endpoint.labels);
  if (Object.keys(labels).length === 0) return { error: `${endpoint.name} has no labels to select it by` };
  const k8s = req.flavour === 'KubernetesNetworkPolicy';
  const namespace = req.flavour === 'GlobalNetworkPolicy' ? undefined : endpoint.namespace;
  const selector = k8s ? { matchLabels: labels } : calicoSelector(labels, req.flavour === 'GlobalNetworkPolicy' ? endpoint.namespace : undefined);
  const built = k8s ? k8sRule(req, side, peer, namespace!) : calicoRule(req, side, peer, namespace);
  if (typeof built.error === 'string') return { error: built.error };
  const rule = built.rule!;
  const kind = req.staged ? (k8s ? 'StagedKubernetesNetworkPolicy' : `Staged${req.flavour}`) : k8s ? 'NetworkPolicy' : req.flavour;
  const apiVersion = k8s && !req.staged ? 'networking.k8s.io/v1' : CALICO;
  const type = side === 'ingress' ? 'Ingress' : 'Egress';
  const typesKey = k8s ? 'policyTypes' : 'types';

  // A policy of the same shape: the rule goes there.
  for (const o of readDocuments(files).objects) {
    const v = o.value;
    const meta = isObj(v.metadata) ? v.metadata : {};
    const spec = isObj(v.spec) ? v.spec : {};
    if (v.kind !== kind || v.apiVersion !== apiVersion || (meta.namespace ?? undefined) !== namespace) continue;
    const same = k8s ? JSON.stringify(normalLabelSelector(spec.podSelector)) === JSON.stringify(selector)
      : String(spec.selector ?? 'all()').trim() === selector && (spec.tier ?? 'default') === (req.tier ?? 'default')
        && (spec.order ?? null) === (req.order ?? null) && (req.flavour !== 'GlobalNetworkPolicy' || spec.namespaceSelector === undefined);
    if (!same) continue;
    const text = files.find((f) => f.path === o.path)!.text;
    // A Deny (or a Log) goes first, so that it acts before the policy's own Allow rules; the rest
    // go last, but before a trailing catch-all Pass (passOthers), which would shadow them.
    const rules = Array.isArray(spec[side]) ? spec[side] as unknown[] : [];
    const last = rules[rules.length - 1];
    const catchAll = isObj(last) && last.action === 'Pass' && Object.keys(last).length === 1;
    const first = req.action === 'Deny' || req.action === 'Log';
    const index = first ? 0 : catchAll ? rules.length - 1 : rules.length;
    const edits: ObjectEdit[] = [first ? { op: 'prepend', at: ['spec', side], value: rule } : { op: 'insert', at: ['spec', side], index, value: rule }];
    const types = Array.isArray(spec[typesKey]) ? spec[typesKey] as unknown[] : null;
    if (types && !types.includes(type)) {
      edits.push({ op: 'append', at: ['spec', typesKey], value: type });
      // SPEC §4.6: the policy now makes its tier apply in this direction too; pass the rest on.
      if (req.passOthers && !catchAll) edits.push({ op: 'append', at: ['spec', side], value: { action: 'Pass' } });
    }
    const r = editObject(text, { docIndex: o.docIndex, base: o.base }, edits);
    if ('error' in r) return r;
    return { path: o.path, text: r.text, summary: `added ${side} rule ${index} to ${kind} ${namespace ? `${namespace}/` : ''}${String(meta.name)}` };
  }

  const taken = new Set(readDocuments(files).objects.filter((o) => o.kind === kind).map((o) => `${String((o.value.metadata as Obj | undefined)?.namespace ?? '')}/${String((o.value.metadata as Obj | undefined)?.name)}`));
  const base = dns1123(`${endpoint.name}-${side}`);
  let name = base;
  for (let i = 2; taken.has(`${namespace ?? ''}/${name}`); i++) name = `${base}-${i}`;
  const spec: Obj = k8s
    ? { podSelector: selector, policyTypes: [type], [side]: [rule] }
    : {
      ...(req.tier && req.tier !== 'default' ? { tier: req.tier } : {}),
      ...(req.order !== undefined ? { order: req.order } : {}),
      selector, types: [type], [side]: req.passOthers ? [rule, { action: 'Pass' }] : [rule],
    };
  if (req.staged) spec.stagedAction = 'Set';
  const doc = { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
  const text = files.find((f) => f.path === file)?.text ?? '';
  return { path: file, text: appendDocument(text, doc).text, summary: `new ${kind} ${namespace ? `${namespace}/` : ''}${name}` };
}

/** A Calico selector for these labels; a GlobalNetworkPolicy also pins the namespace. */
function calicoSelector(labels: Record<string, string>, namespace?: string): string {
  const terms = labelSelectorToCalico({ matchLabels: labels });
  return namespace ? `${terms} && projectcalico.org/namespace == '${namespace}'` : terms;
}

function normalLabelSelector(v: unknown): unknown {
  if (!isObj(v)) return v;
  const labels = isObj(v.matchLabels) ? v.matchLabels : {};
  if (Array.isArray(v.matchExpressions) && v.matchExpressions.length > 0) return v;
  return { matchLabels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))) };
}

function dns1123(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'policy';
}

function portsOf(req: ConnectRequest): (number | string)[] {
  return (req.ports ?? []).map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

/** The peer as a Kubernetes NetworkPolicyPeer, and the ports, in an Allow rule. */
type Built = { rule?: Obj; error?: string };

function k8sRule(req: ConnectRequest, side: 'ingress' | 'egress', peer: NodeData, namespace: string): Built {
  let p: Obj;
  if (peer.kind === 'workload' || peer.kind === 'pod') {
    const labels = stableLabels(peer.labels);
    if (Object.keys(labels).length === 0) return { error: `${peer.name} has no labels to select it by` };
    p = { podSelector: { matchLabels: labels } };
    if (peer.namespace !== namespace) p.namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } };
  } else if (peer.kind === 'namespace') {
    p = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.name } } };
  } else if (peer.kind === 'external' && (peer.id === 'ext:internet' || peer.id.startsWith('cidr:'))) {
    p = { ipBlock: { cidr: peer.id === 'ext:internet' ? '0.0.0.0/0' : peer.id.slice('cidr:'.length) } };
  } else {
    return { error: `a Kubernetes NetworkPolicy cannot name ${peer.name} (${peer.kind}): use a Calico policy` };
  }
  const ports = portsOf(req).map((port) => {
    const range = typeof port === 'string' ? /^(\d+):(\d+)$/.exec(port) : null;
    return range ? { protocol: req.protocol, port: Number(range[1]), endPort: Number(range[2]) } : { protocol: req.protocol, port };
  });
  const rule: Obj = { [side === 'ingress' ? 'from' : 'to']: [p] };
  if (ports.length > 0) rule.ports = ports;
  else if (req.protocol) rule.ports = [{ protocol: req.protocol }];
  return { rule };
}

/** The peer as a Calico entity rule, with the action, protocol and destination ports. */
function calicoRule(req: ConnectRequest, side: 'ingress' | 'egress', peer: NodeData, namespace: string | undefined): Built {
  let entity: Obj;
  if (peer.kind === 'workload' || peer.kind === 'pod' || (peer.kind === 'networkset' && peer.namespace)) {
    const labels = stableLabels(peer.labels);
    if (Object.keys(labels).length === 0) return { error: `${peer.name} has no labels to select it by` };
    entity = { selector: labelSelectorToCalico({ matchLabels: labels }) };
    // SPEC §3.3: without a namespaceSelector a namespaced policy's rule stays in its namespace.
    if (peer.namespace !== namespace) entity.namespaceSelector = nsSelector(peer.namespace!);
  } else if (peer.kind === 'networkset' || peer.kind === 'hostendpoint') {
    const labels = stableLabels(peer.labels);
    if (Object.keys(labels).length === 0) return { error: `${peer.name} has no labels to select it by` };
    // Cluster-scoped: `global()` reaches them from a namespaced policy (SPEC §3.3).
    entity = { selector: labelSelectorToCalico({ matchLabels: labels }), ...(namespace ? { namespaceSelector: 'global()' } : {}) };
  } else if (peer.kind === 'namespace') {
    entity = { namespaceSelector: nsSelector(peer.name) };
  } else if (peer.kind === 'external' && (peer.id === 'ext:internet' || peer.id.startsWith('cidr:'))) {
    entity = { nets: [peer.id === 'ext:internet' ? '0.0.0.0/0' : peer.id.slice('cidr:'.length)] };
  } else {
    return { error: `${peer.name} (${peer.kind}) cannot be named in a rule` };
  }
  const rule: Obj = { action: req.action };
  if (req.protocol) rule.protocol = req.protocol;
  const ports = portsOf(req);
  if (side === 'ingress') {
    rule.source = entity;
    if (ports.length > 0) rule.destination = { ports };
  } else {
    rule.destination = { ...entity, ...(ports.length > 0 ? { ports } : {}) };
  }
  return { rule };
}
