import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planImport } from './import';

const LIST = readFileSync(new URL('../../../fixtures/import/kubectl-list.yaml', import.meta.url), 'utf8');

describe('planImport', () => {
  it('reports every document of a kubectl List: imported, skipped (why), invalid (where)', () => {
    const plan = planImport([{ path: 'cluster.yaml', text: '' }], [{ name: 'kubectl-list.yaml', text: LIST }]);
    expect(plan.files).toEqual([{ path: 'kubectl-list.yaml', text: LIST }]);
    expect(plan.report.map((e) => [e.status, e.kind, e.name, e.line])).toEqual([
      ['imported', 'NetworkPolicy', 'web', 3],
      ['skipped', 'ConfigMap', 'settings', 25],
      ['invalid', 'NetworkPolicy', 'broken', 33],
    ]);
    expect(plan.report[1]!.note).toContain('ConfigMap');
    expect(plan.report[2]!.note).toMatch(new RegExp(`^line ${LIST.split('\n').indexOf('      - port: 70000') + 1}:\\d+ NPC020 `));
  });

  it('strips what the API server added, on request, keeping the rest as written', () => {
    const plan = planImport([], [{ name: 'kubectl-list.yaml', text: LIST }], { strip: true });
    const text = plan.files[0]!.text;
    for (const noise of ['resourceVersion', 'uid:', 'creationTimestamp', 'generation', 'last-applied-configuration']) expect(text).not.toContain(noise);
    expect(text).toContain('    podSelector:\n      matchLabels:\n        run: nginx\n');
    expect(text.split('\n').filter((l) => !LIST.split('\n').includes(l))).toEqual(['metadata: {}']); // the List's own, emptied
  });

  it('never overwrites: a name the workspace has gets a suffix; a non-YAML name gets .yaml', () => {
    const plan = planImport([{ path: 'policies.yaml', text: '' }], [{ name: 'policies.yaml', text: '' }, { name: 'dump', text: '' }, { name: 'policies.yaml', text: '' }]);
    expect(plan.files.map((f) => f.path)).toEqual(['policies-2.yaml', 'dump.yaml', 'policies-3.yaml']);
    // `..` segments go (a folder named `....` is just a name, not a way out).
    expect(planImport([], [{ name: '..../../a.yaml', text: '' }, { name: '/etc/../b.yaml', text: '' }, { name: '../../c.yaml', text: '' }]).files.map((f) => f.path)).toEqual(['..../a.yaml', 'etc/b.yaml', 'c.yaml']);
    expect(plan.report.map((e) => e.status)).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('a duplicate of what the workspace has is reported', () => {
    const web = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: default}\nspec: {podSelector: {}}\n';
    const plan = planImport([{ path: 'mine.yaml', text: web }], [{ name: 'theirs.yaml', text: web }]);
    expect(plan.report).toEqual([expect.objectContaining({ status: 'invalid', name: 'web', note: expect.stringContaining('NPC006') })]);
  });
});
