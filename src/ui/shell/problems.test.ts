import { describe, expect, it } from 'vitest';
import { mergeProblems } from './problems';
import type { EditorProblem } from '../../state/store';

const p = (path: string, line: number, source: EditorProblem['source'], severity: EditorProblem['severity'] = 'error', message = 'm'): EditorProblem =>
  ({ path, line, column: 1, endLine: line, endColumn: 2, severity, code: source === 'engine' ? 'NPC010' : '', message, source });

describe('mergeProblems', () => {
  it('keeps the engine\'s diagnostics and the editor\'s schema markers, errors first, without duplicates or infos', () => {
    const { source: _s, ...engine } = p('a.yaml', 3, 'engine');
    const { source: _i, ...info } = p('a.yaml', 1, 'engine', 'info');
    const merged = mergeProblems([engine, info], [p('a.yaml', 5, 'schema', 'warning'), p('a.yaml', 3, 'schema'), p('a.yaml', 3, 'engine')], new Set(['a.yaml']));
    expect(merged.map((x) => `${x.source}:${x.line}:${x.severity}`)).toEqual(['engine:3:error', 'schema:5:warning']);
  });

  it('drops editor markers of files no longer in the workspace', () => {
    const merged = mergeProblems([], [p('gone.yaml', 2, 'schema'), p('kept.yaml', 4, 'yaml')], new Set(['kept.yaml']));
    expect(merged.map((x) => x.path)).toEqual(['kept.yaml']);
  });
});
