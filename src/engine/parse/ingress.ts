/**
 * Kubernetes Ingress (`networking.k8s.io/v1`) and OpenShift Route (`route.openshift.io/v1`):
 * which Services of their namespace they send traffic to, on which port. Hosts, paths and TLS
 * are L7 and not modelled. Also the endpoint that stands for the cluster's ingress controller.
 */
import type { Endpoint } from '../model/endpoint';
import type { IngressBackend, IngressObject } from '../model/service';
import type { NamespaceInfo } from '../model/workspace';
import type { ObjectReader } from './context';
import type { ProfileContext } from './entities';
import { makeEndpoint } from './cluster';

/** Name and namespace of the pod that stands for the ingress controller (netpol-analyzer's convention). */
export const INGRESS_CONTROLLER = { name: 'ingress-controller', namespace: 'ingress-controller-ns' } as const;

/** Graph-style id of the ingress controller (it is not a graph node). */
export const INGRESS_CONTROLLER_ID = 'ingress:controller';

/** Reads an Ingress backend's `service` (defaultBackend or a path's backend); null when it names no Service. */
function ingressBackend(r: ObjectReader, field: (string | number)[]): IngressBackend | null {
  const name = r.get([...field, 'service', 'name']);
  if (typeof name !== 'string' || name === '') {
    // A `resource` backend (or none) sends traffic to no Service: nothing is exposed.
    if (r.get(field) !== undefined) r.report('NPC070', field, 'this Ingress backend names no Service (a resource backend?): it exposes no pod', 'info');
    return null;
  }
  const portName = r.get([...field, 'service', 'port', 'name']);
  const portNumber = r.get([...field, 'service', 'port', 'number']);
  const port = typeof portName === 'string' && portName !== '' ? portName : typeof portNumber === 'number' ? portNumber : undefined;
  return { service: name, ...(port !== undefined ? { port } : {}), field: [...field, 'service'] };
}

/** Reads an Ingress: the default backend and every path backend of every rule. */
export function readIngress(r: ObjectReader): IngressObject {
  const backends: IngressBackend[] = [];
  if (r.get(['spec', 'defaultBackend']) !== undefined) {
    const b = ingressBackend(r, ['spec', 'defaultBackend']);
    if (b) backends.push(b);
  }
  (r.array(['spec', 'rules']) ?? []).forEach((_, i) => {
    (r.array(['spec', 'rules', i, 'http', 'paths']) ?? []).forEach((__, j) => {
      const b = ingressBackend(r, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
      if (b) backends.push(b);
    });
  });
  return { kind: 'Ingress', namespace: r.string(['metadata', 'namespace']) ?? 'default', name: r.string(['metadata', 'name']) ?? '', backends, range: r.obj.range };
}

/**
 * Reads a Route: `spec.to` and every `spec.alternateBackends` entry, all with the route's
 * `spec.port.targetPort` (one port for every backend). A target of another kind than Service
 * is not followed.
 */
export function readRoute(r: ObjectReader): IngressObject {
  const target = r.get(['spec', 'port', 'targetPort']);
  const port = (typeof target === 'string' && target !== '') || typeof target === 'number' ? target : undefined;
  const backends: IngressBackend[] = [];
  const add = (field: (string | number)[]) => {
    const kind = r.get([...field, 'kind']);
    const name = r.get([...field, 'name']);
    if (kind !== undefined && kind !== '' && kind !== 'Service') {
      r.report('NPC070', [...field, 'kind'], `a Route target of kind ${String(kind)} is not followed: only Services expose pods here`, 'info');
      return;
    }
    if (typeof name === 'string' && name !== '') backends.push({ service: name, ...(port !== undefined ? { port } : {}), field });
  };
  if (r.get(['spec', 'to']) !== undefined) add(['spec', 'to']);
  (r.array(['spec', 'alternateBackends']) ?? []).forEach((_, i) => add(['spec', 'alternateBackends', i]));
  return { kind: 'Route', namespace: r.string(['metadata', 'namespace']) ?? 'default', name: r.string(['metadata', 'name']) ?? '', backends, range: r.obj.range };
}

/**
 * The endpoint standing for the ingress controller, as netpol-analyzer models it: the real
 * controller pod is unknown, so it is a pod without labels, named `ingress-controller`, in a
 * namespace `ingress-controller-ns` of its own (with that namespace's labels when the
 * workspace declares it, else only `kubernetes.io/metadata.name`), service account `default`,
 * without a known address (so no ipBlock / nets matches it). Policies see it like any such pod.
 * `r` is the first Ingress or Route, where the endpoint is said to come from.
 */
export function ingressControllerEndpoint(namespaces: ReadonlyMap<string, NamespaceInfo>, ctx: ProfileContext, r: ObjectReader): Endpoint {
  const ns = namespaces.get(INGRESS_CONTROLLER.namespace)
    ?? { name: INGRESS_CONTROLLER.namespace, labels: { 'kubernetes.io/metadata.name': INGRESS_CONTROLLER.namespace }, declared: false };
  const shape = { labels: {}, serviceAccount: 'default', namedPorts: [], ips: [], hostNetwork: false };
  return makeEndpoint(shape, ns, INGRESS_CONTROLLER.name, INGRESS_CONTROLLER_ID, ctx, r);
}
