import type { IpRange } from '../net/ip';
import type { SourceRange } from './source';

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
