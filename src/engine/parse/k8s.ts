import type { FieldPath } from '../model/source';
import type { Direction, Policy, PortMatch, Rule } from '../model/policy';
import { andSelectors, fromLabelSelector, type K8sLabelSelector, type SelectorNode } from '../selector';
import { PROTO } from '../net';
import { parseCidr, rangeContains } from '../net/ip';
import type { ObjectReader} from './context';
import { toSelector } from './context';
import { combineEntity, inNamespace, type EntityFields } from './entity';
import { validateK8sNetworkPolicyShape } from './k8s-validate';

/** SPEC §3.7: Kubernetes-derived selectors always carry the orchestrator label, so they never match HEPs or network sets. */
const ORCHESTRATOR_K8S: SelectorNode = { kind: 'eq', label: 'projectcalico.org/orchestrator', value: 'k8s' };
const K8S_PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function labelSelector(r: ObjectReader, field: FieldPath): SelectorNode | undefined | null {
  const v = r.get(field);
  if (v === undefined || v === null) return null;
  const m = r.map(field);
  if (!m) return undefined;
  const res = fromLabelSelector(m as K8sLabelSelector);
  if (!res.ok) {
    r.report('NPC011', field, `invalid label selector: ${res.error}`);
    return undefined;
  }
  return res.ast;
}

interface K8sPort { protocol: number; ports: PortMatch[] | null }

function readK8sPort(r: ObjectReader, field: FieldPath): K8sPort | undefined {
  const protoRaw = r.get([...field, 'protocol']) ?? 'TCP'; // SPEC §1.1: defaulted to TCP even without port
  const protocol = typeof protoRaw === 'string' ? K8S_PROTOCOLS[protoRaw] : undefined;
  if (protocol === undefined) {
    r.report('NPC021', [...field, 'protocol'], `protocol must be TCP, UDP or SCTP (got '${String(protoRaw)}')`);
    return undefined;
  }
  const port = r.get([...field, 'port']);
  const endPort = r.get([...field, 'endPort']);
  if (port === undefined || port === null) {
    if (endPort !== undefined && endPort !== null) {
      r.report('NPC020', [...field, 'endPort'], 'endPort needs a numeric port');
      return undefined;
    }
    return { protocol, ports: null };
  }
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    if (!PORT_NAME.test(port) || port.length > 15) {
      r.report('NPC020', [...field, 'port'], `'${port}' is not a valid port name (lowercase letters, digits and '-', at most 15 characters)`);
      return undefined;
    }
    if (endPort !== undefined && endPort !== null) {
      r.report('NPC020', [...field, 'endPort'], 'endPort cannot be used with a named port');
      return undefined;
    }
    return { protocol, ports: [{ kind: 'named', name: port }] };
  }
  const n = typeof port === 'number' ? port : typeof port === 'string' ? Number(port) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    r.report('NPC020', [...field, 'port'], `port must be 1-65535 or a port name (got ${JSON.stringify(port)})`);
    return undefined;
  }
  let hi = n;
  if (endPort !== undefined && endPort !== null) {
    if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < n || endPort > 65535) {
      r.report('NPC020', [...field, 'endPort'], `endPort must be a number from ${n} to 65535`);
      return undefined;
    }
    hi = endPort;
  }
  return { protocol, ports: [{ kind: 'range', lo: n, hi }] };
}

function readPeer(r: ObjectReader, field: FieldPath): EntityFields | undefined {
  const m = r.map(field);
  if (!m) return undefined;
  const hasIpBlock = m.ipBlock !== undefined && m.ipBlock !== null;
  const hasSel = (m.podSelector ?? null) !== null || (m.namespaceSelector ?? null) !== null;
  if (hasIpBlock && hasSel) {
    r.report('NPC005', field, 'a peer with ipBlock cannot also have podSelector or namespaceSelector');
    return undefined;
  }
  if (!hasIpBlock && !hasSel) {
    r.report('NPC005', field, 'a peer needs podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  if (hasIpBlock) {
    const cidr = r.string([...field, 'ipBlock', 'cidr']);
    if (cidr === undefined) {
      r.report('NPC030', [...field, 'ipBlock'], 'ipBlock needs a cidr');
      return undefined;
    }
    const net = parseCidr(cidr);
    if ('error' in net) {
      r.report('NPC030', [...field, 'ipBlock', 'cidr'], net.error);
      return undefined;
    }
    const except = r.cidrs([...field, 'ipBlock', 'except']) ?? [];
    // K8s validation: every except must be a strict subset of the cidr.
    const bad = except.findIndex((e) => !rangeContains(net, e) || (e.lo === net.lo && e.hi === net.hi));
    if (bad >= 0) {
      r.report('NPC030', [...field, 'ipBlock', 'except', bad], 'each except must be a strict subset of the ipBlock cidr');
      return undefined;
    }
    return { nets: [net], notNets: except };
  }
  const pod = labelSelector(r, [...field, 'podSelector']);
  const ns = labelSelector(r, [...field, 'namespaceSelector']);
  if (pod === undefined || ns === undefined) return undefined;
  // SPEC §3.7: an empty namespaceSelector {} becomes all(); an absent one means the policy namespace.
  return { selector: andSelectors(ORCHESTRATOR_K8S, pod ?? { kind: 'all' }), namespaceSelector: ns };
}

const onlyKey = (v: unknown): string | undefined => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? keys[0] : undefined;
};

/**
 * SPEC §6.4: `- namespaceSelector: …` followed by `- podSelector: …` are two peers, ORed: every
 * pod of those namespaces, or the matching pods of the policy's own namespace. Written so, it is
 * nearly always one peer split by a stray `-` (pods matching podSelector in those namespaces).
 */
function warnSplitPeers(r: ObjectReader, field: FieldPath, peers: readonly unknown[]): void {
  for (let j = 0; j + 1 < peers.length; j++) {
    const a = onlyKey(peers[j]);
    const b = onlyKey(peers[j + 1]);
    if ((a === 'namespaceSelector' && b === 'podSelector') || (a === 'podSelector' && b === 'namespaceSelector')) {
      r.report('NPC064', [...field, j + 1],
        `peers ${j + 1} and ${j + 2} are ORed: namespaceSelector alone admits every pod of those namespaces, podSelector alone the matching pods ` +
        'of this namespace (SPEC §6.4). For the matching pods inside those namespaces, put both selectors in one peer (drop the second `-`)', 'warning');
      j++;
    }
  }
}

/** Compiles a networking.k8s.io/v1 NetworkPolicy (or StagedKubernetesNetworkPolicy) into tier default, order 1000 (SPEC §3.7, §4.7). */
export function compileK8sPolicy(r: ObjectReader, staged: boolean): Policy | undefined {
  if (staged && r.get(['spec', 'stagedAction']) === 'Delete') return undefined;
  if (!staged) validateK8sNetworkPolicyShape(r);
  const name = r.string(['metadata', 'name']) ?? '';
  const ns = r.string(['metadata', 'namespace']) ?? 'default';
  const podSel = labelSelector(r, ['spec', 'podSelector']);
  if (podSel === undefined) return undefined;
  const selector = andSelectors(ORCHESTRATOR_K8S, podSel ?? { kind: 'all' }, inNamespace(ns));

  const rules: Record<Direction, Rule[]> = { ingress: [], egress: [] };
  for (const dir of ['ingress', 'egress'] as const) {
    const peerKey = dir === 'ingress' ? 'from' : 'to';
    (r.array(['spec', dir]) ?? []).forEach((_, i) => {
      const base = ['spec', dir, i];
      const peersRaw = r.array([...base, peerKey]);
      if (peersRaw) warnSplitPeers(r, [...base, peerKey], peersRaw);
      const peers: (EntityFields | undefined)[] = peersRaw && peersRaw.length > 0
        ? peersRaw.map((__, j) => readPeer(r, [...base, peerKey, j]))
        : [{}];
      const portsRaw = r.array([...base, 'ports']);
      // null: the rule has no ports, so the Calico rule has no protocol either (SPEC §3.7).
      const ports: (K8sPort | null | undefined)[] = portsRaw && portsRaw.length > 0
        ? portsRaw.map((__, j) => readK8sPort(r, [...base, 'ports', j]))
        : [null];
      // SPEC §6.53: a rule with an unconvertible port or peer is dropped; the policy stays.
      if (peers.some((p) => p === undefined) || ports.some((p) => p === undefined)) return;
      if (peers.some((p) => p?.nets) && ports.some((p) => p?.ports?.some((x) => x.kind === 'named'))) {
        r.report('NPC061', [...base, 'ports'], 'a named port never matches an ipBlock peer (SPEC §6.9): only pods declare named ports', 'warning');
      }
      for (const peer of peers as EntityFields[]) {
        ports.forEach((port, j) => {
          const local: EntityFields = port && port.ports ? { ports: port.ports } : {};
          const remote = combineEntity(peer, ns);
          const rule: Rule = {
            action: 'Allow', index: i, range: r.obj.locate(base),
            source: dir === 'ingress' ? remote : combineEntity({}, ns),
            destination: dir === 'ingress' ? combineEntity(local, ns) : combineEntity({ ...peer, ...local }, ns),
          };
          if (port) {
            rule.protocol = port.protocol;
            rule.portsAt = { destination: r.obj.locate([...base, 'ports', j]) };
          }
          rules[dir].push(rule);
        });
      }
    });
  }

  // SPEC §1.1: API-server defaulting of policyTypes.
  const typesRaw = r.array(['spec', 'policyTypes']);
  const types = new Set<Direction>();
  if (!typesRaw || typesRaw.length === 0) {
    types.add('ingress');
    if ((r.array(['spec', 'egress']) ?? []).length > 0) {
      types.add('egress');
      // SPEC §6.11: the classic pitfall; an egress-only policy written without policyTypes
      // also closes ingress to its pods.
      if ((r.array(['spec', 'ingress']) ?? []).length === 0) {
        r.report('NPC063', ['spec', 'egress'],
          'no policyTypes: with egress rules the API server sets policyTypes [Ingress, Egress], so this policy also denies all ingress ' +
          'to the pods it selects (SPEC §1.1); add `policyTypes: [Egress]` if only egress was meant', 'warning');
      }
    }
  } else {
    typesRaw.forEach((t, i) => {
      if (t === 'Ingress') types.add('ingress');
      else if (t === 'Egress') types.add('egress');
      else r.report('NPC041', ['spec', 'policyTypes', i], `policyTypes entries are Ingress or Egress (got '${String(t)}')`);
    });
    for (const dir of ['ingress', 'egress'] as const) {
      if (!types.has(dir) && (r.array(['spec', dir]) ?? []).length > 0) {
        const name = dir === 'ingress' ? 'Ingress' : 'Egress';
        r.report('NPC060', ['spec', dir], `these ${dir} rules never apply: policyTypes does not list ${name}`, 'warning');
      }
    }
  }
  return {
    id: { kind: staged ? 'StagedKubernetesNetworkPolicy' : 'KubernetesNetworkPolicy', namespace: ns, name, tier: 'default' },
    order: 1000, staged, selector: toSelector(selector), types,
    ingress: rules.ingress, egress: rules.egress, range: r.obj.range,
    at: { selector: r.obj.locate(['spec', 'podSelector']), types: r.obj.locate(['spec', 'policyTypes']) },
    sortKey: `${ns}/${staged ? 'staged:' : ''}knp.default.${name}`,
  };
}
