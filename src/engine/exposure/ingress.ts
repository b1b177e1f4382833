/**
 * Exposure through Ingress / Route, as netpol-analyzer models it: the cluster's ingress
 * controller (an unknown pod, see parse/ingress.ts) connects to the pods behind each backend
 * Service on their target ports, and network policy decides as for any pod-to-pod connection.
 *
 *   Ingress / Route backend (namespace N, Service S, port P)
 *     -> Service N/S (missing, or without selector: nothing)
 *     -> the pods of N whose labels contain S's selector
 *     -> the Service ports P names (all of them when P is absent), TCP only (HTTP(S) traffic)
 *     -> on each pod, that port's targetPort: a number, a container port name resolved on the
 *        pod (same protocol, else the pod is not an endpoint of that port), or `port` itself.
 *
 * Which Service port P names: an Ingress `service.port.number` is a Service `port`, its
 * `port.name` a Service port name; a Route `spec.port.targetPort` string is a Service port name
 * (the router looks it up among the named endpoint ports) and a number is the target port the
 * pods listen on. Pure: reads the workspace only.
 */
import type { Endpoint } from '../model/endpoint';
import type { IngressBackend, IngressObject, Service, ServicePort } from '../model/service';
import type { Workspace } from '../model/workspace';
import { ConnSet, IntervalSet, PROTO } from '../net';
import type { ObjectReader } from '../parse/context';

/** The pod port a Service port reaches on one pod, or undefined when the pod has none. */
export function targetPortOn(sp: ServicePort, ep: Endpoint): number | undefined {
  if (sp.targetPort === undefined) return sp.port;
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  // A named targetPort resolves per pod, to a container port of that name and protocol.
  return ep.namedPorts.find((np) => np.name === sp.targetPort && np.protocol === sp.protocol)?.port;
}

/** True when a Service selects the endpoint: same namespace, labels containing the selector. */
export function serviceSelects(svc: Service, ep: Endpoint): boolean {
  if (svc.selector === null || ep.kind !== 'pod' || ep.namespace !== svc.namespace) return false;
  return Object.entries(svc.selector).every(([k, v]) => ep.ownLabels[k] === v);
}

/** The Service ports a backend asks for (see the module comment); `ep` resolves Route target-port numbers. */
function portsOf(kind: IngressObject['kind'], backend: IngressBackend, svc: Service, ep: Endpoint): ServicePort[] {
  const tcp = svc.ports.filter((p) => p.protocol === PROTO.TCP);
  const want = backend.port;
  if (want === undefined) return tcp;
  if (typeof want === 'string') return tcp.filter((p) => p.name !== '' && p.name === want);
  if (kind === 'Ingress') return tcp.filter((p) => p.port === want);
  return tcp.filter((p) => targetPortOn(p, ep) === want);
}

/** The TCP ports on which one backend of an Ingress / Route reaches one endpoint (empty when none). */
export function backendPortsOn(obj: IngressObject, backend: IngressBackend, svc: Service | undefined, ep: Endpoint): ConnSet {
  if (!svc || !serviceSelects(svc, ep)) return ConnSet.none();
  let out = ConnSet.none();
  for (const sp of portsOf(obj.kind, backend, svc, ep)) {
    const port = targetPortOn(sp, ep);
    if (port !== undefined) out = out.union(ConnSet.ports(PROTO.TCP, IntervalSet.point(port)));
  }
  return out;
}

/** Why a backend exposes no pod of the workspace, or null when it exposes some. */
export function backendProblem(obj: IngressObject, backend: IngressBackend, services: ReadonlyMap<string, Service>, endpoints: readonly Endpoint[]): string | null {
  const svc = services.get(`${obj.namespace}/${backend.service}`);
  if (!svc) return `no Service '${backend.service}' in namespace ${obj.namespace}: this ${obj.kind} backend exposes no pod`;
  if (svc.selector === null) return `Service ${obj.namespace}/${backend.service} has no selector, so it selects no pod: this ${obj.kind} backend exposes no pod`;
  const selected = endpoints.filter((ep) => serviceSelects(svc, ep));
  if (selected.length === 0) return `Service ${obj.namespace}/${backend.service} selects no pod of the workspace: this ${obj.kind} backend exposes nothing`;
  if (selected.every((ep) => backendPortsOn(obj, backend, svc, ep).isEmpty())) {
    return `no TCP port of Service ${obj.namespace}/${backend.service} matches ${backend.port === undefined ? 'this backend' : `port ${String(backend.port)}`} on its pods: this ${obj.kind} backend exposes nothing`;
  }
  return null;
}

/** Reports (NPC070, info) every backend of `objects` that exposes no pod; `readers[i]` reads `objects[i]`. */
export function reportBackendProblems(objects: readonly IngressObject[], readers: readonly ObjectReader[], services: readonly Service[], endpoints: readonly Endpoint[]): void {
  const byName = new Map(services.map((s) => [`${s.namespace}/${s.name}`, s]));
  objects.forEach((obj, i) => {
    for (const b of obj.backends) {
      const problem = backendProblem(obj, b, byName, endpoints);
      if (problem) readers[i]!.report('NPC070', b.field, problem, 'info');
    }
  });
}

/** Services by `namespace/name`. */
export function servicesByName(ws: Workspace): Map<string, Service> {
  return new Map((ws.services ?? []).map((s) => [`${s.namespace}/${s.name}`, s]));
}

/** Every pod endpoint of the workspace. */
function podEndpoints(ws: Workspace): Endpoint[] {
  return ws.nodes.flatMap((n) => (n.type === 'workload' ? n.endpoints : []));
}

/**
 * The TCP ports on which the workspace's Ingress and Route objects expose each pod endpoint
 * (the union over every object and backend); endpoints exposed on nothing are left out.
 * Policy is not applied here: see {@link ingressControllerConnections}.
 */
export function ingressExposure(ws: Workspace): Map<Endpoint, ConnSet> {
  const out = new Map<Endpoint, ConnSet>();
  if (!ws.ingress) return out;
  const services = servicesByName(ws);
  const endpoints = podEndpoints(ws);
  for (const obj of ws.ingress.objects) {
    for (const backend of obj.backends) {
      const svc = services.get(`${obj.namespace}/${backend.service}`);
      if (!svc) continue;
      for (const ep of endpoints) {
        const ports = backendPortsOn(obj, backend, svc, ep);
        if (!ports.isEmpty()) out.set(ep, (out.get(ep) ?? ConnSet.none()).union(ports));
      }
    }
  }
  return out;
}

/**
 * What the ingress controller can open to each exposed endpoint: its exposure intersected
 * with what policy allows from the controller's endpoint to it (`allowed`, SPEC §4.2: the
 * controller's egress and the pod's ingress). Endpoints left with nothing are left out.
 */
export function ingressControllerConnections(ws: Workspace, allowed: (controller: Endpoint, dst: Endpoint) => ConnSet): Map<Endpoint, ConnSet> {
  const out = new Map<Endpoint, ConnSet>();
  if (!ws.ingress) return out;
  for (const [ep, ports] of ingressExposure(ws)) {
    const c = ports.intersect(allowed(ws.ingress.controller, ep));
    if (!c.isEmpty()) out.set(ep, c);
  }
  return out;
}
