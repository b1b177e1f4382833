import { describe, expect, it } from 'vitest';
import { buildWorkspace } from './workspace';
import { dnsSubdomainProblem, labelKeyProblem, labelValueProblem } from './k8s-validate';

const np = (body: string) => buildWorkspace([{ path: 'np.yaml', text: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}` }]);
const codes = (body: string) => np(body).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.field} ${d.line}`);

describe('Kubernetes NetworkPolicy structural validation', () => {
  it('rejects unknown fields at every level, located', () => {
    expect(codes('metadata: {name: a, namespaceSelector: {}}\nspec: {podSelector: {}}')).toEqual(['NPC008 metadata.namespaceSelector 3']);
    expect(codes('metadata: {name: a}\nspec:\n  podSelector: {}\n  ingress:\n    - to: []')).toEqual(['NPC008 spec.ingress[0].to 7']);
    expect(codes('metadata: {name: a}\nspec:\n  podSelector: {}\n  ingress:\n    - ports: [{podSelector: {}}]')).toEqual(['NPC008 spec.ingress[0].ports[0].podSelector 7']);
  });

  it('checks label syntax and the object name', () => {
    expect(codes('metadata: {name: a}\nspec: {podSelector: {matchLabels: {app: "Abc-_."}}}')).toEqual(['NPC011 spec.podSelector.matchLabels.app 4']);
    expect(codes('metadata: {name: Bad_Name}\nspec: {podSelector: {}}')).toEqual(['NPC009 metadata.name 3']);
    expect(labelKeyProblem('app.kubernetes.io/name')).toBeNull();
    expect(labelKeyProblem('-bad')).not.toBeNull();
    expect(labelValueProblem('')).toBeNull();
    expect(labelValueProblem('x'.repeat(64))).not.toBeNull();
    expect(dnsSubdomainProblem('web.example-1')).toBeNull();
  });

  it('a policy with errors is not applied (the API server would reject it)', () => {
    const ws = np('metadata: {name: a, namespace: n}\nspec: {podSelector: {}, bogus: 1}');
    expect(ws.policies).toEqual([]);
    expect(ws.diagnostics.map((d) => d.code)).toEqual(['NPC008', 'NPC007']);
  });

  it('accepts a clean policy, and a missing spec (an empty spec denies all ingress)', () => {
    expect(codes('metadata: {name: ok, labels: {app.kubernetes.io/name: web}}\nspec:\n  podSelector: {matchExpressions: [{key: app, operator: In, values: [a]}]}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 80, protocol: TCP}]}]')).toEqual([]);
    expect(np('metadata: {name: empty}').policies).toHaveLength(1);
  });
});
