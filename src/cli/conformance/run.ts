/**
 * Runs one case.json: reads it and its inputs, evaluates them, and checks the query.
 * Shared by the main thread and the worker threads of ./pool.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkspace, evaluationMembers, type Diagnostic } from '../../engine';
import { fail, readCaseInputs, type CaseFile, type Outcome } from './cases';
import { checkConnectivity } from './connectivity';
import { checkProbes, checkValidation } from './probe';

/** The kinds the engine reported as not evaluated (NPC003), e.g. `AdminNetworkPolicy`. */
function ignoredKinds(diagnostics: readonly Diagnostic[]): string[] {
  const kinds = new Set<string>();
  for (const d of diagnostics) {
    if (d.code !== 'NPC003') continue;
    const m = /^\S+ (\S+) /.exec(d.message);
    kinds.add(m ? m[1]! : 'unknown kind');
  }
  return [...kinds].sort();
}

/** Runs one case.json. */
export function runCase(file: string, id: string): { kind: string; outcome: Outcome } {
  let c: CaseFile;
  try {
    c = JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
  } catch (e) {
    return { kind: 'unreadable', outcome: fail('unreadable case.json', e instanceof Error ? e.message : String(e)) };
  }
  const kind = c.query?.kind ?? 'unknown';
  if (kind !== 'connectivity' && kind !== 'validation' && kind !== 'probe') {
    return { kind, outcome: fail('unknown query kind', `query.kind is ${JSON.stringify(kind)}`) };
  }
  if (kind !== 'validation' && (c.expected === null || c.expected === undefined)) {
    return { kind, outcome: { status: 'skip', reason: 'not normalized (expected: null)' } };
  }
  const files = readCaseInputs(join(file, '..'), id, c);
  if ('error' in files) return { kind, outcome: fail('unreadable input', files.error) };
  try {
    const session = analyzeWorkspace(files);
    const diagnostics = session.result.diagnostics;
    const ignored = ignoredKinds(diagnostics);
    if (kind === 'validation') return { kind, outcome: checkValidation(c, diagnostics, ignored) };
    const ev = evaluationMembers(session);
    return { kind, outcome: kind === 'probe' ? checkProbes(c, ev) : checkConnectivity(c, ev, ignored) };
  } catch (e) {
    return { kind, outcome: fail('engine threw', e instanceof Error ? e.message.split('\n')[0]! : String(e)) };
  }
}

