// Ingress / Route exposure (exposure/ingress.ts): backend -> Service -> pods -> target ports,
// intersected with what policy allows from the ingress controller (SPEC §4.2).
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, evaluationMembers, formatConnSet } from '../index';

const pod = (ns: string, name: string, labels: Record<string, string>, ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: ${JSON.stringify(labels)}}
spec:
  containers:
  - name: c
    ports: ${ports}
`;

const service = (ns: string, name: string, selector: string, ports: string) => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  ${selector}
  ports: ${ports}
`;

const ingress = (ns: string, name: string, backends: string[], defaultBackend?: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: ${ns}}
spec:
  ${defaultBackend ? `defaultBackend: {service: ${defaultBackend}}` : ''}
  rules:
  - host: a.example.com
    http:
      paths:
${backends.map((b) => `      - {path: /, pathType: Prefix, backend: {service: ${b}}}`).join('\n')}
`;

const route = (ns: string, name: string, to: string, port?: string, alternates: string[] = []) => `
apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: ${name}, namespace: ${ns}}
spec:
  to: ${to}
  ${port !== undefined ? `port: {targetPort: ${port}}` : ''}
  ${alternates.length > 0 ? `alternateBackends: [${alternates.join(', ')}]` : ''}
`;

/** The controller's connections to every pod, `ns/pod: conn` for the pods it reaches. */
function reach(...docs: string[]): Record<string, string> {
  const session = analyzeWorkspace([{ path: 'w.yaml', text: docs.join('\n---\n') }]);
  const errors = session.result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message)).toEqual([]);
  const ev = evaluationMembers(session);
  const out: Record<string, string> = {};
  if (!ev.ingressController) return out;
  for (const p of ev.pods) {
    const c = ev.allowed(ev.ingressController, p);
    if (!c.isEmpty()) out[`${p.namespace}/${p.name}`] = formatConnSet(c, 'nca');
    // Connections to the controller are not modelled.
    expect(ev.allowed(p, ev.ingressController).isEmpty()).toBe(true);
  }
  return out;
}

function codes(...docs: string[]): string[] {
  return analyzeWorkspace([{ path: 'w.yaml', text: docs.join('\n---\n') }]).result.diagnostics.map((d) => d.code);
}

const web = pod('shop', 'web', { app: 'web' }, '[{containerPort: 8080, name: http}, {containerPort: 9090}]');
const webSvc = service('shop', 'web', 'selector: {app: web}', '[{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9000, targetPort: 9090}, {name: dns, port: 53, protocol: UDP}]');

describe('Ingress backends', () => {
  it('without an Ingress or Route there is no ingress controller', () => {
    const ev = evaluationMembers(analyzeWorkspace([{ path: 'w.yaml', text: [web, webSvc].join('\n---\n') }]));
    expect(ev.ingressController).toBeNull();
  });
  it('port.number names a Service port; the pod is reached on its targetPort', () => {
    expect(reach(web, webSvc, ingress('shop', 'i', ['{name: web, port: {number: 80}}']))).toEqual({ 'shop/web': 'TCP 8080' });
  });
  it('port.name names a Service port by its name', () => {
    expect(reach(web, webSvc, ingress('shop', 'i', ['{name: web, port: {name: metrics}}']))).toEqual({ 'shop/web': 'TCP 9090' });
  });
  it('a port number that is only a targetPort (not a Service port) reaches nothing', () => {
    expect(reach(web, webSvc, ingress('shop', 'i', ['{name: web, port: {number: 8080}}']))).toEqual({});
  });
  it('the default backend and every path backend count, as a union', () => {
    expect(reach(web, webSvc, ingress('shop', 'i', ['{name: web, port: {number: 9000}}'], '{name: web, port: {number: 80}}'))).toEqual({ 'shop/web': 'TCP 8080,9090' });
  });
  it('a named targetPort resolves on each pod to its own container port', () => {
    const a = pod('shop', 'a', { app: 'api' }, '[{containerPort: 7001, name: api}]');
    const b = pod('shop', 'b', { app: 'api' }, '[{containerPort: 7002, name: api}]');
    const c = pod('shop', 'c', { app: 'api' }, '[{containerPort: 7003, name: api, protocol: UDP}]');
    const svc = service('shop', 'api', 'selector: {app: api}', '[{port: 80, targetPort: api}]');
    expect(reach(a, b, c, svc, ingress('shop', 'i', ['{name: api, port: {number: 80}}']))).toEqual({ 'shop/a': 'TCP 7001', 'shop/b': 'TCP 7002' });
  });
  it('without targetPort the pods are reached on the Service port itself', () => {
    const svc = service('shop', 'plain', 'selector: {app: web}', '[{port: 9090}]');
    expect(reach(web, svc, ingress('shop', 'i', ['{name: plain, port: {number: 9090}}']))).toEqual({ 'shop/web': 'TCP 9090' });
  });
  it('a missing Service, a Service without selector and a Service of another namespace expose nothing (NPC070)', () => {
    const noSel = service('shop', 'manual', '', '[{port: 80}]');
    const other = service('elsewhere', 'web2', 'selector: {app: web}', '[{port: 80, targetPort: 8080}]');
    const ing = ingress('shop', 'i', ['{name: missing, port: {number: 80}}', '{name: manual, port: {number: 80}}', '{name: web2, port: {number: 80}}']);
    expect(reach(web, noSel, other, ing)).toEqual({});
    expect(codes(web, noSel, other, ing).filter((c) => c === 'NPC070')).toHaveLength(3);
  });
  it('only pods whose labels contain the whole selector are behind the Service', () => {
    const other = pod('shop', 'other', { app: 'web', tier: 'x' }, '[{containerPort: 8080, name: http}]');
    const svc = service('shop', 'strict', 'selector: {app: web, tier: x}', '[{port: 80, targetPort: 8080}]');
    expect(reach(web, other, svc, ingress('shop', 'i', ['{name: strict, port: {number: 80}}']))).toEqual({ 'shop/other': 'TCP 8080' });
  });
});

describe('Route backends', () => {
  it('without spec.port every TCP port of the Service is exposed', () => {
    expect(reach(web, webSvc, route('shop', 'r', '{kind: Service, name: web}'))).toEqual({ 'shop/web': 'TCP 8080,9090' });
  });
  it('a targetPort string names a Service port; a number is the pods\' target port', () => {
    expect(reach(web, webSvc, route('shop', 'r', '{kind: Service, name: web}', 'http'))).toEqual({ 'shop/web': 'TCP 8080' });
    expect(reach(web, webSvc, route('shop', 'r', '{kind: Service, name: web}', '9090'))).toEqual({ 'shop/web': 'TCP 9090' });
    expect(reach(web, webSvc, route('shop', 'r', '{kind: Service, name: web}', '80'))).toEqual({});
  });
  it('alternateBackends are followed with the same port; targets of another kind are not', () => {
    const api = pod('shop', 'api', { app: 'api' }, '[{containerPort: 8080}]');
    const apiSvc = service('shop', 'api', 'selector: {app: api}', '[{name: http, port: 80, targetPort: 8080}]');
    const r = route('shop', 'r', '{kind: Service, name: web}', 'http', ['{kind: Service, name: api}', '{kind: Deployment, name: web}']);
    expect(reach(web, api, apiSvc, webSvc, r)).toEqual({ 'shop/web': 'TCP 8080', 'shop/api': 'TCP 8080' });
    expect(codes(web, api, apiSvc, webSvc, r)).toContain('NPC070');
  });
});

describe('policy between the ingress controller and the exposed pods', () => {
  const exposed = [web, webSvc, route('shop', 'r', '{kind: Service, name: web}')];
  const knp = (ingressRules: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: ${ingressRules}
`;
  it('a default-deny ingress policy blocks the controller', () => {
    expect(reach(...exposed, knp('[]'))).toEqual({});
  });
  it('namespaceSelector {} matches the controller (a pod of another namespace); ports intersect', () => {
    expect(reach(...exposed, knp('[{from: [{namespaceSelector: {}}], ports: [{port: 8080}]}]'))).toEqual({ 'shop/web': 'TCP 8080' });
  });
  it('its namespace is ingress-controller-ns, labelled with its name', () => {
    const sel = "[{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-controller-ns}}}]}]";
    expect(reach(...exposed, knp(sel))).toEqual({ 'shop/web': 'TCP 8080,9090' });
  });
  it('it has no labels, so a podSelector with a required label never matches it; one with DoesNotExist does', () => {
    expect(reach(...exposed, knp('[{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: nginx}}}]}]'))).toEqual({});
    expect(reach(...exposed, knp('[{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}}]}]'))).toEqual({ 'shop/web': 'TCP 8080,9090' });
  });
  it('a podSelector alone means the policy namespace: not the controller', () => {
    expect(reach(...exposed, knp('[{from: [{podSelector: {}}]}]'))).toEqual({});
  });
  it('it has no known address, so an ipBlock never matches it', () => {
    expect(reach(...exposed, knp('[{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]'))).toEqual({});
  });
  it('its own egress is policed too: a GlobalNetworkPolicy denying all egress stops it', () => {
    const gnp = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: deny-egress}
spec:
  selector: all()
  types: [Egress]
`;
    expect(reach(...exposed, gnp)).toEqual({});
  });
});
