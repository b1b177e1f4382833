import type { IpRange } from '../net/ip';
import type { SourceRange } from './source';

/** One entry of a Service's `spec.ports`. */
export interface ServicePort {
  /** Empty when the port has no name. */
  name: string;
  /** IANA protocol number (TCP unless the port says otherwise). */
  protocol: number;
  port: number;
  /** `targetPort`: a number, a container port name, or absent (then the pods' port is `port`). */
  targetPort?: number | string;
}

/** A Kubernetes Service (`v1`), as far as exposure through Ingress / Route needs it. */
export interface Service {
  namespace: string;
  name: string;
  /**
   * `spec.selector`; null when it is absent or empty: such a Service gets no endpoints from
   * the endpoints controller (they are managed by hand), so it selects no pod here.
   */
  selector: Readonly<Record<string, string>> | null;
  ports: ServicePort[];
  range: SourceRange;
}

/**
 * A backend an Ingress or Route sends traffic to: a Service of the object's namespace and the
 * port asked for. `port` is the Ingress `service.port` (a Service port number or name) or the
 * Route `spec.port.targetPort` (a Service port name, or a target port number); undefined: every
 * port of the Service.
 */
export interface IngressBackend {
  service: string;
  port?: number | string;
  /** Where the backend is written, for diagnostics. */
  field: (string | number)[];
}

/** A `networking.k8s.io/v1` Ingress or a `route.openshift.io/v1` Route. */
export interface IngressObject {
  kind: 'Ingress' | 'Route';
  namespace: string;
  name: string;
  backends: IngressBackend[];
  range: SourceRange;
}

/** A port of an EndpointSlice with a number (a port without one contributes nothing, SPEC §3.6). */
export interface SlicePort {
  protocol: number;
  port: number;
}

/**
 * One EndpointSlice (discovery.k8s.io/v1) as Calico's service index reads it (SPEC §3.6): the
 * addresses of its endpoints and its numbered ports, owned by the Service its
 * `kubernetes.io/service-name` label names in its own namespace.
 */
export interface EndpointSliceInfo {
  namespace: string;
  name: string;
  /** `<namespace>/<service name>`. */
  service: string;
  addresses: IpRange[];
  ports: SlicePort[];
  range: SourceRange;
}

/** A Calico `services` match (SPEC §3.1): the Service `namespace/name`, resolved through its EndpointSlices. */
export interface ServiceRef {
  namespace: string;
  name: string;
  /** Where the Service is named (its `name` field, and that field's path), for diagnostics. */
  range?: SourceRange;
  field?: string;
}

/** The key EndpointSlices and peers index a Service by. */
export function serviceKey(s: ServiceRef): string {
  return `${s.namespace}/${s.name}`;
}
