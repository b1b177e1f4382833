import type { NodeData } from '../engine';

/** What editor completion offers, gathered from the last analysis's nodes. */
export interface WorkspaceFacts {
  /** Labels of endpoints (workloads, pods, host endpoints, network sets): key -> sorted values. */
  endpointLabels: Record<string, string[]>;
  /** Labels of namespaces (kubernetes.io/metadata.name included): key -> sorted values. */
  namespaceLabels: Record<string, string[]>;
  namespaces: string[];
  /** Container / endpoint port names. */
  namedPorts: string[];
}

export const NO_FACTS: WorkspaceFacts = { endpointLabels: {}, namespaceLabels: {}, namespaces: [], namedPorts: [] };

function add(into: Map<string, Set<string>>, labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) {
    let values = into.get(k);
    if (!values) into.set(k, (values = new Set()));
    values.add(v);
  }
}

const sorted = (m: Map<string, Set<string>>): Record<string, string[]> =>
  Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));

/** Label keys and values, namespaces and named ports of the workspace, for completion. */
export function workspaceFacts(nodes: readonly NodeData[]): WorkspaceFacts {
  const endpoint = new Map<string, Set<string>>();
  const namespace = new Map<string, Set<string>>();
  const namespaces = new Set<string>();
  const ports = new Set<string>();
  for (const n of nodes) {
    if (n.kind === 'namespace') {
      namespaces.add(n.name);
      add(namespace, n.labels);
    } else if (n.kind !== 'external') {
      add(endpoint, n.labels);
      for (const p of n.ports ?? []) ports.add(p.name);
    }
  }
  return { endpointLabels: sorted(endpoint), namespaceLabels: sorted(namespace), namespaces: [...namespaces].sort(), namedPorts: [...ports].sort() };
}
