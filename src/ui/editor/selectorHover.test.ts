import { describe, expect, it } from 'vitest';
import { escapeMarkdown, SELECTOR_LINE, selectorHoverMarkdown } from './selectorHover';
import type { PolicyFocus } from '../../engine';

const focus = (extra: Partial<PolicyFocus> = {}): PolicyFocus => ({
  kind: 'NetworkPolicy', namespace: 'default', name: 'allow_nginx', tier: 'default', staged: false, displayName: 'default/allow_nginx',
  range: { path: 'p.yaml', line: 1, column: 1, endLine: 9, endColumn: 1 },
  selected: ['wl:default/Pod/nginx'], selectedPods: [], endpoints: 1, peers: ['wl:shams/Pod/busybox', 'hep:worker-1'], ...extra,
});

describe('selector hover', () => {
  it('says what the policy selects, with the names, escaped', () => {
    expect(selectorHoverMarkdown(focus())).toBe('**NetworkPolicy default/allow\\_nginx**\n\nselector matches 1 endpoint in 1 workload: default/nginx');
  });

  it('on a rule line, says what the rule\'s peers match', () => {
    const md = selectorHoverMarkdown(focus({ rule: { direction: 'ingress', index: 0, action: 'Allow', range: { path: 'p.yaml', line: 5, column: 1, endLine: 7, endColumn: 1 } } }));
    expect(md).toBe('**NetworkPolicy default/allow\\_nginx**\n\ningress rule \\#0 \\(Allow\\): peers match 2 nodes: shams/busybox, host endpoint worker\\-1');
  });

  it('lists at most eight names', () => {
    const selected = Array.from({ length: 10 }, (_, i) => `wl:a/Pod/p${i}`);
    expect(selectorHoverMarkdown(focus({ selected, endpoints: 10 }))).toMatch(/a\/p7 and 2 more$/);
  });

  it('escapes every markdown character of user text', () => {
    expect(escapeMarkdown('[x](javascript:1) <b>*_`')).toBe('\\[x\\]\\(javascript:1\\) \\<b\\>\\*\\_\\`');
  });

  it('hovers selector lines only', () => {
    expect(SELECTOR_LINE.test('  selector: run == "nginx"')).toBe(true);
    expect(SELECTOR_LINE.test('    - from: [{podSelector: {matchLabels: {run: busybox}}}]')).toBe(true);
    expect(SELECTOR_LINE.test('  order: 100')).toBe(false);
  });
});
