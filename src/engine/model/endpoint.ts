import type { LabelLookup } from '../selector';
import type { IpRange } from '../net/ip';
import type { SourceRange } from './source';

/** A named container port (SPEC §1.8: only entries with a name contribute). */
export interface NamedPort {
  name: string;
  protocol: number;
  port: number;
}

/**
 * Anything whose address can be matched by rule selectors: a pod (workload endpoint), and in
 * later versions host endpoints and network sets. `labels` are the effective labels
 * (own labels, then profile labels; SPEC §1.8 label inheritance).
 */
export interface Endpoint {
  kind: 'pod';
  namespace: string;
  name: string;
  /** Graph node this endpoint belongs to (`wl:<ns>/<Kind>/<name>`). */
  nodeId: string;
  ownLabels: Readonly<Record<string, string>>;
  labels: LabelLookup;
  serviceAccount: string;
  namedPorts: NamedPort[];
  /** Known pod IPs (status.podIPs); empty when the manifest does not say. */
  ips: IpRange[];
  range: SourceRange;
}
