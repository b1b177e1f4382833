import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from './analysis';
import { replacesShownModel } from './lastGood';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';
const POLICY = (selector: string) => `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p
  namespace: a
spec:
  selector: ${selector}
  types: [Ingress]
`;
const diags = (text: string) => analyzeWorkspace([{ path: 'w.yaml', text }]).result.diagnostics;

describe('replacesShownModel: invalid text never replaces the last good model', () => {
  it('the first model is always shown, errors or not', () => {
    expect(replacesShownModel(null, diags(NS + POLICY("run == 'x' && %")))).toBe(true);
  });
  it('a valid edit replaces it; a YAML syntax error does not', () => {
    const good = diags(NS + POLICY("run == 'x'"));
    expect(replacesShownModel(good, diags(NS + POLICY("run == 'y'")))).toBe(true);
    expect(replacesShownModel(good, diags(`${NS}---\nkind: [broken\n`))).toBe(false);
  });
  it('a new semantic error does not replace it: the API server would keep the previous policy', () => {
    const good = diags(NS + POLICY("run == 'x'"));
    const bad = diags(NS + POLICY("run == 'x' && %"));
    expect(bad.some((d) => d.code === 'NPC010' && d.severity === 'error')).toBe(true);
    expect(replacesShownModel(good, bad)).toBe(false);
  });
  it('an error the shown model already had does not freeze later edits, even when it moves down', () => {
    const shown = diags(NS + POLICY("run == 'x' && %"));
    const moved = diags(`${NS}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n${POLICY("run == 'x' && %")}`);
    expect(moved.find((d) => d.code === 'NPC010')!.line).toBeGreaterThan(shown.find((d) => d.code === 'NPC010')!.line);
    expect(replacesShownModel(shown, moved)).toBe(true);
  });
  it('warnings never keep the old model', () => {
    const good = diags(NS + POLICY("run == 'x'"));
    const warned = diags(NS + POLICY("run == 'x'").replace('name: p', 'name: P_bad'));
    expect(warned.some((d) => d.severity === 'warning')).toBe(true);
    expect(warned.some((d) => d.severity === 'error')).toBe(false);
    expect(replacesShownModel(good, warned)).toBe(true);
  });
  it('a whole edit (an import, the graph) is shown with its errors, unless its YAML does not parse', () => {
    const good = diags(NS + POLICY("run == 'x'"));
    expect(replacesShownModel(good, diags(NS + POLICY("run == 'x' && %")), true)).toBe(true);
    expect(replacesShownModel(good, diags(`${NS}---\nkind: [broken\n`), true)).toBe(false);
  });
  it('a file loaded with a syntax error does not freeze later edits of other files', () => {
    const files = (a: string) => analyzeWorkspace([{ path: 'a.yaml', text: a }, { path: 'b.yaml', text: 'kind: [broken\n' }]).result.diagnostics;
    const shown = files(NS + POLICY("run == 'x'"));
    expect(shown.some((d) => d.code === 'NPC001')).toBe(true);
    expect(replacesShownModel(shown, files(NS + POLICY("run == 'y'")))).toBe(true);
  });
});
