// Targeted semantic rules, each with its SPEC section. A cluster of two namespaces and three
// pods is shared; each case adds policies and checks the allowed connections of a pair.
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, connSetFromJSON } from '../index';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {team: red}}
---
apiVersion: v1
kind: Namespace
metadata: {name: b}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api-sa, namespace: a, labels: {tier: backend}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec:
  containers:
    - name: c
      ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: a, labels: {app: api}}
spec:
  serviceAccountName: api-sa
  containers:
    - name: c
      ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: b, labels: {app: client}}
spec: {containers: [{name: c}]}
`;

const WEB = 'wl:a/Pod/web';
const API = 'wl:a/Pod/api';
const CLIENT = 'wl:b/Pod/client';
const NET = 'ext:internet';

function run(policies: string) {
  const s = analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'p.yaml', text: policies }]);
  const errors = s.result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return s.result;
}

function conn(policies: string, src: string, dst: string, field: 'connections' | 'pendingConnections' = 'connections'): string {
  const e = run(policies).edges.find((x) => x.source === src && x.target === dst);
  if (!e) throw new Error(`no edge ${src}->${dst}`);
  return e[field] ?? '(none)';
}

function allows(policies: string, src: string, dst: string, protocol: number, port?: number): boolean {
  const e = run(policies).edges.find((x) => x.source === src && x.target === dst)!;
  return connSetFromJSON(e.allowed).containsFlow(protocol, port);
}

const knp = (ns: string, name: string, spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n`;
const cnp = (ns: string, name: string, spec: string) => `---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n`;
const gnp = (name: string, spec: string) => `---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;

describe('Kubernetes NetworkPolicy', () => {
  it('§6.11: only egress rules and no policyTypes also isolates ingress', () => {
    const p = knp('a', 'eg', '  podSelector: {matchLabels: {app: web}}\n  egress: [{}]');
    expect(conn(p, CLIENT, WEB)).toBe('No Connections');
    expect(conn(p, WEB, CLIENT)).toBe('All Connections');
  });

  it('§3.7: rules without ports allow every protocol; ports default to TCP', () => {
    const p = knp('a', 'in', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{ports: [{port: 80}]}]');
    expect(conn(p, CLIENT, API)).toBe('TCP 80');
  });

  it('§6.7/§6.8: a named port resolves per destination pod and needs the protocol to match', () => {
    const p = knp('a', 'named', '  podSelector: {}\n  ingress: [{ports: [{port: http}, {port: dns}]}]');
    expect(conn(p, CLIENT, WEB)).toBe('TCP 8080'); // dns is UDP on web; the entry defaults to TCP
    expect(conn(p, CLIENT, API)).toBe('TCP 80');
  });

  it('§6.10: endPort makes an inclusive range', () => {
    const p = knp('a', 'range', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{ports: [{port: 32000, endPort: 32768, protocol: UDP}]}]');
    expect(conn(p, CLIENT, API)).toBe('UDP 32000-32768');
  });

  it('§6.3: podSelector {} alone is the policy namespace; namespaceSelector {} is every namespace', () => {
    const own = knp('a', 'own', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{podSelector: {}}]}]');
    expect(conn(own, WEB, API)).toBe('All Connections');
    expect(conn(own, CLIENT, API)).toBe('No Connections');
    const all = knp('a', 'all', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{namespaceSelector: {}}]}]');
    expect(conn(all, CLIENT, API)).toBe('All Connections');
    expect(conn(all, NET, API)).toBe('No Connections'); // §6.30: not an address outside the cluster
  });

  it('§6.4: podSelector and namespaceSelector in one peer are ANDed', () => {
    const p = knp('a', 'and', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: red}}, podSelector: {matchLabels: {app: client}}}]}]');
    expect(conn(p, CLIENT, API)).toBe('No Connections'); // client is in b, which is not team=red
    expect(conn(p, WEB, API)).toBe('No Connections');
  });

  it('§6.5: ipBlock except carves addresses out', () => {
    const p = knp('a', 'ext', '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]');
    const edges = run(p).edges;
    // The CIDR is a node of its own (design.md `cidr:<cidr>`); the except is a hole in it, not a node.
    expect(edges.find((x) => x.source === API && x.target === NET)!.verdict).toBe('deny');
    const e = edges.find((x) => x.source === API && x.target === 'cidr:10.0.0.0/8')!;
    expect(e.verdict).toBe('partial');
    expect(e.mixed).toBe(true); // some addresses of the CIDR are reachable, the excepted ones not
    // The edge carries what some members allow as a set too (the graph-wide probe tests it).
    expect(connSetFromJSON(e.someAllowed!).containsFlow(6, 80, undefined, undefined, 32768)).toBe(true);
    expect(connSetFromJSON(e.allowed).containsFlow(6, 80, undefined, undefined, 32768)).toBe(false);
    expect(conn(p, API, WEB)).toBe('No Connections'); // pods without a known IP are in no CIDR
  });
});

describe('Calico policy', () => {
  it('§6.12: only egress rules and no types leaves ingress alone', () => {
    const p = cnp('a', 'eg', '  selector: app == "web"\n  egress: [{action: Deny}]');
    expect(conn(p, CLIENT, WEB)).toBe('All Connections');
    expect(conn(p, WEB, CLIENT)).toBe('No Connections');
  });

  it('§4.5: Deny before Allow wins for the flows it matches', () => {
    const p = cnp('a', 'd', '  selector: app == "web"\n  ingress:\n    - {action: Deny, protocol: TCP, destination: {ports: [22, "1000:2000"]}}\n    - {action: Allow}');
    expect(allows(p, CLIENT, WEB, 6, 22)).toBe(false);
    expect(allows(p, CLIENT, WEB, 6, 1500)).toBe(false);
    expect(allows(p, CLIENT, WEB, 6, 80)).toBe(true);
    expect(allows(p, CLIENT, WEB, 17, 22)).toBe(true);
  });

  it('§6.21: Log continues; a policy with only Log still makes its tier end in deny', () => {
    const p = cnp('a', 'log', '  selector: app == "web"\n  ingress: [{action: Log}]');
    expect(conn(p, CLIENT, WEB)).toBe('No Connections');
    const q = cnp('a', 'log', '  selector: app == "web"\n  ingress: [{action: Log}, {action: Allow, protocol: UDP}]');
    expect(conn(q, CLIENT, WEB)).toBe('UDP 1-65535');
  });

  it('§6.23: notSelector in a namespaced policy only matches that namespace', () => {
    const p = cnp('a', 'ns', '  selector: app == "api"\n  ingress: [{action: Allow, source: {notSelector: app == "web"}}]');
    expect(conn(p, WEB, API)).toBe('No Connections');
    expect(conn(p, CLIENT, API)).toBe('No Connections'); // other namespace
    const g = gnp('g', '  selector: app == "api"\n  ingress: [{action: Allow, source: {notSelector: app == "web"}}]');
    expect(conn(g, CLIENT, API)).toBe('All Connections'); // §6.22: global policy, anywhere but web
    expect(conn(g, NET, API)).toBe('All Connections');
    expect(conn(g, WEB, API)).toBe('No Connections');
  });

  it('§3.3: namespaceSelector sees namespace labels; serviceAccounts names the pod\'s SA', () => {
    const p = gnp('g', '  selector: app == "client"\n  egress: [{action: Allow, destination: {namespaceSelector: team == "red", serviceAccounts: {names: [api-sa]}}}]\n  types: [Egress]');
    expect(conn(p, CLIENT, API)).toBe('All Connections');
    expect(conn(p, CLIENT, WEB)).toBe('No Connections');
    const q = gnp('g', '  selector: app == "client"\n  egress: [{action: Allow, destination: {serviceAccounts: {selector: tier == "backend"}}}]\n  types: [Egress]');
    expect(conn(q, CLIENT, API)).toBe('All Connections');
    expect(conn(q, CLIENT, WEB)).toBe('No Connections');
  });

  it('§6.15: a policy without order runs after the Kubernetes policies at 1000', () => {
    const p = cnp('a', 'late-deny', '  selector: app == "api"\n  ingress: [{action: Deny}]') + knp('a', 'allow80', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{ports: [{port: 80}]}]');
    expect(conn(p, CLIENT, API)).toBe('TCP 80');
    const q = cnp('a', 'early-deny', '  order: 10\n  selector: app == "api"\n  ingress: [{action: Deny}]') + knp('a', 'allow80', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{ports: [{port: 80}]}]');
    expect(conn(q, CLIENT, API)).toBe('No Connections');
  });

  it('§4.5/§6.16: Pass skips the rest of its tier; the next tier decides', () => {
    const tier = '---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100}\n';
    const p = tier
      + gnp('security.pass-api', '  tier: security\n  order: 1\n  selector: app == "api"\n  ingress: [{action: Pass, protocol: TCP}]')
      + gnp('security.deny-api', '  tier: security\n  order: 2\n  selector: app == "api"\n  ingress: [{action: Deny}]')
      + knp('a', 'allow80', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{ports: [{port: 80}]}]');
    expect(conn(p, CLIENT, API)).toBe('TCP 80'); // TCP passed to the default tier; the rest denied in security
  });

  it('§6.18/§6.19: a tier default action Pass continues; a tier with no policy for the direction is skipped', () => {
    const tier = '---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: soft}\nspec: {order: 100, defaultAction: Pass}\n';
    const p = tier + gnp('soft.nothing', '  tier: soft\n  selector: app == "api"\n  ingress: [{action: Allow, protocol: UDP}]');
    expect(conn(p, CLIENT, API)).toBe('All Connections');
    expect(conn(p, API, CLIENT)).toBe('All Connections');
  });

  it('§6.36: a staged policy changes the pending verdict only', () => {
    const p = '---\napiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: {name: lock, namespace: a}\nspec:\n  selector: app == "api"\n  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]\n';
    expect(conn(p, CLIENT, API)).toBe('All Connections');
    expect(conn(p, CLIENT, API, 'pendingConnections')).toBe('TCP 80');
    const del = p.replace('spec:\n', 'spec:\n  stagedAction: Delete\n');
    expect(conn(del, CLIENT, API, 'pendingConnections')).toBe('(none)'); // §6.37: ignored completely
  });
});

const anp = (name: string, spec: string) => `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;
const banp = (spec: string) => `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n${spec}\n`;

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy (SPEC §5.2-5.3)', () => {
  const toApiFromB = (action: string) => `  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}\n  ingress: [{action: ${action}, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: b}}}]}]`;

  it('ANP Deny beats a NetworkPolicy allow; ANP Allow beats a NetworkPolicy isolation', () => {
    const allowAll = knp('a', 'allow-all', '  podSelector: {}\n  ingress: [{}]');
    expect(conn(anp('deny', `  priority: 10\n${toApiFromB('Deny')}`) + allowAll, CLIENT, API)).toBe('No Connections');
    const isolate = knp('a', 'isolate', '  podSelector: {}\n  policyTypes: [Ingress]');
    expect(conn(anp('allow', `  priority: 10\n${toApiFromB('Allow')}`) + isolate, CLIENT, API)).toBe('All Connections');
  });

  it('§6.46: Pass with no NetworkPolicy selecting the pod goes to the BANP', () => {
    const p = anp('pass', `  priority: 10\n${toApiFromB('Pass')}`) + banp(toApiFromB('Deny'));
    expect(conn(p, CLIENT, API)).toBe('No Connections');
    expect(conn(p, WEB, API)).toBe('All Connections'); // not matched by any rule: default allow
  });

  it('§6.47: Pass with a NetworkPolicy that does not allow it: denied, the BANP is not consulted', () => {
    const p = anp('pass', `  priority: 10\n${toApiFromB('Pass')}`)
      + knp('a', 'only-web', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]')
      + banp(toApiFromB('Allow'));
    expect(conn(p, CLIENT, API)).toBe('No Connections');
    expect(conn(p, WEB, API)).toBe('All Connections');
  });

  it('the lower priority number wins; ports are per protocol', () => {
    const p = anp('first', `  priority: 1\n  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}\n  ingress: [{action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}, {portRange: {protocol: UDP, start: 1000, end: 2000}}]}]`)
      + anp('second', `  priority: 2\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]`);
    expect(conn(p, CLIENT, API)).toBe('TCP 80,UDP 1000-2000');
    expect(conn(p, API, CLIENT)).toBe('No Connections');
  });

  it('rejects what the API server rejects: priority out of range, a peer with two kinds', () => {
    const bad = anp('bad', '  priority: 1001\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]');
    expect(() => run(bad)).toThrow(/NPC042/);
    const two = anp('two', '  priority: 1\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}]}]');
    expect(() => run(two)).toThrow(/exactly one of namespaces, pods/);
  });
});
