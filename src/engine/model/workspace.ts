import type { Diagnostic } from './diagnostics';
import type { Endpoint, NetworkSet, Profile } from './endpoint';
import type { Policy, Tier } from './policy';
import type { IngressObject, Service } from './service';
import type { SourceRange } from './source';
import type { IpRange } from '../net/ip';
import type { EndpointSliceInfo } from './service';

/** A namespace, declared or implied by a resource that lives in it. */
export interface NamespaceInfo {
  name: string;
  /** Includes `kubernetes.io/metadata.name`, which Kubernetes sets on every namespace. */
  labels: Readonly<Record<string, string>>;
  declared: boolean;
  range?: SourceRange;
}

/** Workload kinds whose pods are grouped into one graph node (design.md "Stable names"). */
export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'ReplicationController';

/** A node of the connectivity graph: a workload (its pods) or an external address range. */
export type ClusterNode =
  | {
      type: 'workload';
      id: string;
      namespace: string;
      workloadKind: WorkloadKind;
      name: string;
      labels: Readonly<Record<string, string>>;
      replicas: number;
      endpoints: Endpoint[];
      range: SourceRange;
    }
  | {
      /** A HostEndpoint: policy applies to it (GlobalNetworkPolicy only). */
      type: 'hostendpoint';
      id: string;
      name: string;
      labels: Readonly<Record<string, string>>;
      endpoint: Endpoint;
      range: SourceRange;
    }
  | {
      /** A NetworkSet or GlobalNetworkSet: the address blocks inside its nets. */
      type: 'networkset';
      id: string;
      namespace?: string;
      name: string;
      labels: Readonly<Record<string, string>>;
      set: NetworkSet;
      range: SourceRange;
    }
  | {
      /**
       * Addresses no network set names: with `nets`, those of them (the cluster's nodes
       * `ext:nodes`, or a rule CIDR's `cidr:<cidr>` node, parse/cidrs.ts); without, every
       * other address (the internet).
       */
      type: 'external';
      id: string;
      name: string;
      nets?: readonly IpRange[];
    };

/** Everything the evaluator needs, read from the workspace files. */
export interface Workspace {
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  nodes: ClusterNode[];
  policies: Policy[];
  tiers: ReadonlyMap<string, Tier>;
  /** Profiles defined in the workspace (built-in kns./ksa. profiles are implied, SPEC §1.8). */
  profiles: ReadonlyMap<string, Profile>;
  networkSets: NetworkSet[];
  /** EndpointSlices by the Service they belong to (`namespace/name`), for `services` matches (SPEC §3.6). */
  endpointSlices: ReadonlyMap<string, readonly EndpointSliceInfo[]>;
  /**
   * Every address range the workspace mentions (policy CIDRs, network-set nets, endpoint IPs):
   * the address space is split at their edges, so each block behaves the same everywhere.
   */
  cidrs: IpRange[];
  diagnostics: Diagnostic[];
  /** Kubernetes Services (absent: none). */
  services?: Service[];
  /**
   * Ingress and Route objects and the endpoint standing for the ingress controller that
   * serves them (../exposure/ingress.ts); absent when the workspace has neither.
   */
  ingress?: { objects: IngressObject[]; controller: Endpoint };
}
