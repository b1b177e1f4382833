import type { FieldPath } from '../model/source';
import type { Action, Direction, Policy, PortMatch, Rule, Tier } from '../model/policy';
import { andSelectors, fromLabelSelector, prefixLabelKeys, replaceAllNode, type K8sLabelSelector, type SelectorNode } from '../selector';
import { PROTO } from '../net';
import { parseCidr, type IpRange } from '../net/ip';
import { toSelector, type ObjectReader } from './context';
import { combineEntity, HAS_NAMESPACE, type EntityFields } from './entity';

/** SPEC §1.5 / §5.3 (Calico ≤ v3.31): the tiers AdminNetworkPolicy and BaselineAdminNetworkPolicy live in. */
export const ANP_TIER: Tier = { name: 'adminnetworkpolicy', order: 1000, defaultAction: 'Pass' };
export const BANP_TIER: Tier = { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'Pass' };

const ORCHESTRATOR_K8S: SelectorNode = { kind: 'eq', label: 'projectcalico.org/orchestrator', value: 'k8s' };
const PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

function exactlyOne(r: ObjectReader, field: FieldPath, keys: readonly string[], what: string): string | undefined {
  const m = r.map(field);
  if (!m) {
    r.report('NPC005', field, `${what} is required`);
    return undefined;
  }
  const present = keys.filter((k) => m[k] !== undefined && m[k] !== null);
  if (present.length !== 1) {
    r.report('NPC005', field, `${what} needs exactly one of ${keys.join(', ')}${present.length > 1 ? ` (found ${present.join(', ')})` : ''}`);
    return undefined;
  }
  return present[0];
}

function labelSelector(r: ObjectReader, field: FieldPath): SelectorNode | undefined {
  const m = r.map(field);
  if (!m) {
    r.report('NPC011', field, `${field.join('.')} is required (use {} for all)`);
    return undefined;
  }
  const res = fromLabelSelector(m as K8sLabelSelector);
  if (!res.ok) {
    r.report('NPC011', field, `invalid label selector: ${res.error}`);
    return undefined;
  }
  return res.ast;
}

/** A namespace selector as Calico matches it on endpoints: pcns.-prefixed, all() = "namespaced". */
function onNamespaces(ns: SelectorNode): SelectorNode {
  return replaceAllNode(prefixLabelKeys(ns, 'pcns.'), HAS_NAMESPACE);
}

type PeerFields = EntityFields | 'unsupported';

function readPeer(r: ObjectReader, field: FieldPath, dir: Direction): PeerFields | undefined {
  const keys = dir === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'];
  const kind = exactlyOne(r, field, keys, 'a peer');
  if (!kind) return undefined;
  if (kind === 'namespaces') {
    const ns = labelSelector(r, [...field, 'namespaces']);
    // SPEC §5.3: no orchestrator term, so namespaced NetworkSets in those namespaces match too.
    return ns ? { namespaceSelector: ns } : undefined;
  }
  if (kind === 'pods') {
    const ns = labelSelector(r, [...field, 'pods', 'namespaceSelector']);
    const pod = labelSelector(r, [...field, 'pods', 'podSelector']);
    return ns && pod ? { selector: andSelectors(ORCHESTRATOR_K8S, pod), namespaceSelector: ns } : undefined;
  }
  if (kind === 'networks') {
    const list = r.array([...field, 'networks']) ?? [];
    if (list.length === 0 || list.length > 25) {
      r.report('NPC030', [...field, 'networks'], 'networks needs 1 to 25 CIDRs');
      return undefined;
    }
    const nets: IpRange[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const parsed = typeof c === 'string' && c.includes('/') ? parseCidr(c) : { error: `'${String(c)}' is not a CIDR (networks entries need a prefix length)` };
      if ('error' in parsed) {
        r.report('NPC030', [...field, 'networks', i], parsed.error);
        return undefined;
      }
      nets.push(parsed);
    }
    return { nets };
  }
  // SPEC §5.3 / §6.50: Calico ≤ 3.31 cannot convert nodes / domainNames peers.
  r.report('NPC050', [...field, kind], `${kind} peers are not supported by Calico ≤ 3.31: a Deny/Pass rule becomes an unconditional Deny, an Allow rule is dropped`, 'warning');
  return 'unsupported';
}

interface PortGroup { protocol?: number; ports?: PortMatch[] }

function readPorts(r: ObjectReader, field: FieldPath): PortGroup[] | undefined {
  const list = r.array(field);
  if (!list) return [{}];
  const out: PortGroup[] = [];
  for (let i = 0; i < list.length; i++) {
    const f = [...field, i];
    const kind = exactlyOne(r, f, ['portNumber', 'portRange', 'namedPort'], 'a port');
    if (!kind) return undefined;
    if (kind === 'namedPort') {
      // SPEC §6.49: Calico ≤ 3.31 converts a namedPort to "all ports, all protocols".
      r.report('NPC050', [...f, 'namedPort'], 'namedPort is treated as all ports and protocols by Calico ≤ 3.31', 'warning');
      out.push({});
      continue;
    }
    const protoRaw = r.get([...f, kind, 'protocol']) ?? 'TCP';
    const protocol = typeof protoRaw === 'string' ? PROTOCOLS[protoRaw] : undefined;
    if (protocol === undefined) {
      r.report('NPC021', [...f, kind, 'protocol'], `protocol must be TCP, UDP or SCTP (got '${String(protoRaw)}')`);
      return undefined;
    }
    const lo = r.get([...f, kind, kind === 'portNumber' ? 'port' : 'start']);
    const hi = kind === 'portNumber' ? lo : r.get([...f, kind, 'end']);
    if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi > 65535 || lo > hi) {
      r.report('NPC020', [...f, kind], kind === 'portNumber' ? 'port must be 1-65535' : 'portRange needs 1 <= start <= end <= 65535');
      return undefined;
    }
    out.push({ protocol, ports: [{ kind: 'range', lo, hi }] });
  }
  return out;
}

/**
 * Compiles a policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy
 * into a global policy of its tier, the way Calico ≤ v3.31 does (SPEC §5.3).
 */
export function compileAdminPolicy(r: ObjectReader, baseline: boolean): Policy | undefined {
  const name = r.string(['metadata', 'name']) ?? '';
  let order = 1000;
  if (baseline) {
    if (name !== 'default') r.report('NPC005', ['metadata', 'name'], 'the BaselineAdminNetworkPolicy is a singleton named "default"');
  } else {
    const p = r.get(['spec', 'priority']);
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 1000) {
      r.report('NPC042', ['spec', 'priority'], 'priority must be an integer from 0 to 1000');
      return undefined;
    }
    order = p;
  }
  const subjectKind = exactlyOne(r, ['spec', 'subject'], ['namespaces', 'pods'], 'subject');
  if (!subjectKind) return undefined;
  let selector: SelectorNode;
  if (subjectKind === 'namespaces') {
    const ns = labelSelector(r, ['spec', 'subject', 'namespaces']);
    if (!ns) return undefined;
    selector = andSelectors(ORCHESTRATOR_K8S, onNamespaces(ns));
  } else {
    const ns = labelSelector(r, ['spec', 'subject', 'pods', 'namespaceSelector']);
    const pod = labelSelector(r, ['spec', 'subject', 'pods', 'podSelector']);
    if (!ns || !pod) return undefined;
    selector = andSelectors(ORCHESTRATOR_K8S, pod, onNamespaces(ns));
  }

  const actions: Action[] = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const rules: Record<Direction, Rule[]> = { ingress: [], egress: [] };
  let broken = false;
  for (const dir of ['ingress', 'egress'] as const) {
    const list = r.array(['spec', dir]) ?? [];
    if (list.length > 100) r.report('NPC005', ['spec', dir], 'at most 100 rules per direction');
    list.forEach((_, i) => {
      const base = ['spec', dir, i];
      const action = r.get([...base, 'action']);
      if (typeof action !== 'string' || !actions.includes(action as Action)) {
        r.report('NPC040', [...base, 'action'], `action must be one of ${actions.join(', ')} (got ${action === undefined ? 'nothing' : `'${String(action)}'`})`);
        broken = true;
        return;
      }
      const peerKey = dir === 'ingress' ? 'from' : 'to';
      const peersRaw = r.array([...base, peerKey]);
      if (!peersRaw || peersRaw.length === 0) {
        r.report('NPC005', [...base, peerKey], `${peerKey} needs at least one peer`);
        broken = true;
        return;
      }
      const peers = peersRaw.map((__, j) => readPeer(r, [...base, peerKey, j], dir));
      const ports = readPorts(r, [...base, 'ports']);
      if (peers.some((p) => p === undefined) || !ports) {
        broken = true;
        return;
      }
      const range = r.obj.locate(base);
      // SPEC §5.3 / §6.50: a rule Calico cannot convert fails closed as a whole: Deny/Pass
      // becomes one unconditional Deny, Allow is dropped (its convertible peers too).
      if (peers.includes('unsupported')) {
        if (action !== 'Allow') rules[dir].push({ action: 'Deny', index: i, range, source: combineEntity({}, ''), destination: combineEntity({}, '') });
        return;
      }
      for (const peer of peers as EntityFields[]) {
        for (const port of ports) {
          const remote = combineEntity(peer, '');
          const local = combineEntity(port.ports ? { ports: port.ports } : {}, '');
          const rule: Rule = {
            action: action as Action, index: i, range,
            source: dir === 'ingress' ? remote : combineEntity({}, ''),
            destination: dir === 'ingress' ? local : combineEntity({ ...peer, ...(port.ports ? { ports: port.ports } : {}) }, ''),
          };
          if (port.protocol !== undefined) rule.protocol = port.protocol;
          rules[dir].push(rule);
        }
      }
    });
  }
  if (broken) return undefined; // the API server would reject the object
  const tier = baseline ? BANP_TIER.name : ANP_TIER.name;
  // SPEC §5.3: types contain only the directions that have rules.
  const types = new Set<Direction>((['ingress', 'egress'] as const).filter((d) => (r.array(['spec', d]) ?? []).length > 0));
  return {
    id: { kind: baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy', name, tier },
    order, staged: false, selector: toSelector(selector), types,
    ingress: rules.ingress, egress: rules.egress, range: r.obj.range,
    sortKey: baseline ? `kbanp.baselineadminnetworkpolicy.${name}` : `kanp.adminnetworkpolicy.${name}`,
  };
}
