import type { LabelLookup } from '../selector';
import type { IpRange } from '../net/ip';
import type { Rule } from './policy';
import type { SourceRange } from './source';

/** A named port (SPEC §1.8: container ports with a name; HostEndpoint `spec.ports`). */
export interface NamedPort {
  name: string;
  protocol: number;
  port: number;
}

/**
 * Something policy is enforced on (SPEC §0 "Endpoint"): a pod's workload endpoint (from a Pod,
 * a workload template, or a Calico WorkloadEndpoint) or a HostEndpoint. `labels` are the
 * effective labels: own labels, then the labels its profiles apply (SPEC §1.8).
 */
export interface Endpoint {
  kind: 'pod' | 'hep';
  /** Pods only; host endpoints are not namespaced. */
  namespace: string;
  name: string;
  /** Graph node this endpoint belongs to (`wl:<ns>/<Kind>/<name>`, `hep:<name>`). */
  nodeId: string;
  ownLabels: Readonly<Record<string, string>>;
  labels: LabelLookup;
  serviceAccount: string;
  namedPorts: NamedPort[];
  /** Known addresses (pod IPs, HEP expectedIPs); empty when the manifest does not say. */
  ips: IpRange[];
  /** Profile names in evaluation order (SPEC §4.5: consulted when no tier decides). */
  profiles: string[];
  /**
   * A host-networked pod (SPEC §4.8, §6.33): no workload endpoint, so no policy applies to it,
   * and as a peer it is its node's address, which no selector sees.
   */
  hostNetwork?: boolean;
  /**
   * The Kubernetes node the endpoint is on (SPEC §4.2, §6.34): a pod's `spec.nodeName` with
   * that Node's addresses and the pod's `status.hostIP(s)`; a HostEndpoint's `spec.node`.
   * Absent when the manifest does not say.
   */
  node?: NodePlacement;
  /** The pod template of a workload manifest: stands for every replica (so two of them are distinct pods). */
  template?: boolean;
  /**
   * A listed pod's controlling ownerReference (`controller: true`) as written, kind possibly
   * empty. Not used to evaluate: tools that group pods by owner name nodes from it.
   */
  controller?: { kind: string; name: string };
  range: SourceRange;
}

/** A Kubernetes node by name (when known) and its addresses (Node `status.addresses`, pods' `status.hostIP`). */
export interface NodePlacement {
  name?: string;
  ips: IpRange[];
}

/** A Calico NetworkSet or GlobalNetworkSet: labelled addresses, matched by rule selectors, never selected by policy. */
export interface NetworkSet {
  kind: 'netset' | 'gnetset';
  namespace?: string;
  name: string;
  nodeId: string;
  labels: LabelLookup;
  ownLabels: Readonly<Record<string, string>>;
  nets: IpRange[];
  range: SourceRange;
}

/** A profile: labels it applies and rules consulted after the tiers (SPEC §1.8, §4.5). */
export interface Profile {
  name: string;
  labels: Readonly<Record<string, string>>;
  ingress: Rule[];
  egress: Rule[];
}
