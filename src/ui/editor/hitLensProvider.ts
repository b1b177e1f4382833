import { monaco } from './monacoSetup';
import type { HitLens } from '../../engine';
import { hitLine } from '../flows/hitText';

/**
 * Hit counts in the editor (issue 7): a CodeLens above each policy and each of its rules with
 * the flows of the loaded logs it allowed, denied, passed or logged, enforced and pending, or
 * "unused" when none did. One provider for the page; it shows the lenses last handed over.
 */
let lenses: readonly HitLens[] = [];
const changed = new monaco.Emitter<monaco.languages.CodeLensProvider>();

/** The lenses from now on (empty: no flows loaded, no lenses). */
export function setHitLenses(next: readonly HitLens[]): void {
  lenses = next;
  changed.fire(lensProvider);
}

/** A lens's words: what hit it, or that nothing did. */
export function lensTitle(l: HitLens): string {
  const what = l.rule === undefined ? 'flows' : `${l.direction} rule ${l.rule}`;
  const line = hitLine(l.enforced, l.pending);
  return line ? `${what}: ${line}` : `${what}: no hits in the flows (unused?)`;
}

const lensProvider: monaco.languages.CodeLensProvider = {
  onDidChange: changed.event,
  provideCodeLenses(model) {
    // Models are file:///<workspace path> (PolicyEditor.tsx).
    const path = model.uri.path.replace(/^\//, '');
    const lines = model.getLineCount();
    const mine = lenses.filter((l) => l.path === path && l.line <= lines);
    return {
      // No command id: a lens that is text, not a link.
      lenses: mine.map((l) => ({ range: new monaco.Range(l.line, 1, l.line, 1), command: { id: '', title: lensTitle(l) } })),
      dispose() {},
    };
  },
};

const registration = monaco.languages.registerCodeLensProvider('yaml', lensProvider);

import.meta.hot?.dispose(() => registration.dispose());
