import type { Endpoint, Profile } from '../model/endpoint';
import type { Workspace } from '../model/workspace';
import { resolveProfile } from '../parse/entities';

/**
 * The profiles of an endpoint, resolved to their rules, in order (SPEC §4.5: consulted after the
 * last applicable tier). Names that neither the workspace nor Calico's built-ins define have no
 * rules.
 */
export function endpointProfiles(ws: Workspace, ep: Endpoint): Profile[] {
  const ctx = { namespaces: ws.namespaces, serviceAccountLabels: new Map(), defined: ws.profiles };
  return ep.profiles.map((name) => resolveProfile(name, ctx) ?? { name, labels: {}, ingress: [], egress: [] });
}
