import type { Endpoint, NamedPort } from '../model/endpoint';
import type { NamespaceInfo, WorkloadKind } from '../model/workspace';
import type { FieldPath } from '../model/source';
import { PROTO } from '../net';
import { parseCidr, type IpRange } from '../net/ip';
import type { ObjectReader } from './context';
import { inheritLabels, resolveProfile, type ProfileContext } from './entities';

/** Kinds whose pod template becomes one workload node (issue: evaluate manifests before deploying). */
export const WORKLOAD_TEMPLATES: Partial<Record<WorkloadKind, FieldPath>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const PORT_PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

/** Reads a Namespace; `kubernetes.io/metadata.name` is added as the API server does. */
export function readNamespace(r: ObjectReader): NamespaceInfo {
  const name = r.string(['metadata', 'name']) ?? '';
  const labels = { ...r.stringMap(['metadata', 'labels']), 'kubernetes.io/metadata.name': name };
  return { name, labels, declared: true, range: r.obj.range };
}

/** SPEC §1.8: named ports are container ports with a name; TCP unless said otherwise. */
function readNamedPorts(r: ObjectReader, podSpec: FieldPath): NamedPort[] {
  const out: NamedPort[] = [];
  // Lenient: a malformed ports list costs its named ports (with a warning), never the pod.
  const list = (field: FieldPath): unknown[] => {
    const v = r.get(field);
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    r.report('NPC005', field, `${field.join('.')} should be a list; its entries are ignored`, 'warning');
    return [];
  };
  for (const kind of ['containers', 'initContainers']) {
    list([...podSpec, kind]).forEach((_, ci) => {
      list([...podSpec, kind, ci, 'ports']).forEach((__, pi) => {
        const f = [...podSpec, kind, ci, 'ports', pi];
        const name = r.get([...f, 'name']);
        const port = r.get([...f, 'containerPort']);
        const proto = PORT_PROTOCOLS[String(r.get([...f, 'protocol']) ?? 'TCP')];
        if (typeof name === 'string' && name !== '' && typeof port === 'number' && port > 0 && proto !== undefined) {
          out.push({ name, protocol: proto, port });
        }
      });
    });
  }
  return out;
}

/** The parts of a pod (or pod template) that policy evaluation depends on. */
export interface PodShape {
  labels: Record<string, string>;
  serviceAccount: string;
  namedPorts: NamedPort[];
  ips: IpRange[];
  hostNetwork: boolean;
}

/** Reads a pod spec + metadata at `base` ([] for a Pod, the template path for workloads). */
export function readPodShape(r: ObjectReader, base: FieldPath): PodShape {
  const spec = [...base, 'spec'];
  const sa = r.get([...spec, 'serviceAccountName']) ?? r.get([...spec, 'serviceAccount']) ?? 'default';
  const ips: IpRange[] = [];
  const podIps = r.get(['status', 'podIPs']);
  const ipTexts = Array.isArray(podIps)
    ? podIps.map((p) => (p as { ip?: unknown }).ip)
    : [r.get(['status', 'podIP'])];
  for (const t of ipTexts) {
    if (typeof t !== 'string') continue;
    const ip = parseCidr(t);
    if (!('error' in ip)) ips.push(ip);
  }
  return {
    labels: r.stringMap([...base, 'metadata', 'labels']),
    serviceAccount: typeof sa === 'string' && sa !== '' ? sa : 'default',
    namedPorts: readNamedPorts(r, spec),
    ips,
    hostNetwork: r.get([...spec, 'hostNetwork']) === true,
  };
}

/** Builds the endpoint of one pod of a workload node (SPEC §1.8: profiles kns.<ns>, ksa.<ns>.<sa>). */
export function makeEndpoint(shape: PodShape, ns: NamespaceInfo, name: string, nodeId: string, ctx: ProfileContext, r: ObjectReader): Endpoint {
  const profiles = [`kns.${ns.name}`, `ksa.${ns.name}.${shape.serviceAccount}`];
  const overrides: Record<string, string> = { 'projectcalico.org/namespace': ns.name, 'projectcalico.org/orchestrator': 'k8s' };
  // SPEC §1.8: the service-account label is set only for names shorter than 63 characters.
  if (shape.serviceAccount.length < 63) overrides['projectcalico.org/serviceaccount'] = shape.serviceAccount;
  return {
    kind: 'pod', namespace: ns.name, name, nodeId, ownLabels: shape.labels,
    labels: inheritLabels(shape.labels, profiles.map((p) => resolveProfile(p, ctx)), overrides),
    serviceAccount: shape.serviceAccount, namedPorts: shape.namedPorts, ips: shape.ips, profiles, range: r.obj.range,
    ...(shape.hostNetwork ? { hostNetwork: true } : {}),
  };
}
