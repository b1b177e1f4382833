import type { Diagnostic } from './diagnostics';
import type { Endpoint } from './endpoint';
import type { Policy, Tier } from './policy';
import type { SourceRange } from './source';
import type { IpRange } from '../net/ip';

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
      type: 'external';
      id: string;
      name: string;
      /** Disjoint address blocks this node stands for (SPEC §4.8). */
      blocks: IpRange[];
    };

/** Everything the evaluator needs, read from the workspace files. */
export interface Workspace {
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  nodes: ClusterNode[];
  policies: Policy[];
  tiers: ReadonlyMap<string, Tier>;
  /** Every CIDR mentioned by a policy: the external address space is split at their edges. */
  cidrs: IpRange[];
  diagnostics: Diagnostic[];
}
