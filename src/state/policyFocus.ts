import type { EngineClient } from '../worker/client';
import type { PolicyFocusState } from './slices/inspection';
import type { AppStore } from './store';

/**
 * Editor cursor → the engine's policy focus (issue 4: "cursor in a policy → the endpoints it
 * selects and its rule peers highlight on the graph"). Cursor moves are debounced; the engine
 * is asked only once the graph shows the cursor's text (its lines are the session's lines), and
 * the slice drops answers for a line or text the cursor has left. Returns the unsubscribe.
 */
export function connectPolicyFocus(store: AppStore, client: Pick<EngineClient, 'policyFocus'>, debounceMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = '';
  const ask = () => {
    timer = null;
    const s = store.getState();
    const c = s.editorCursor;
    if (!c) return;
    if (s.revision !== s.analysisRevision) {
      // The text is newer than the graph. Its analysis is on the way, unless it came back and
      // stayed off the graph (a YAML syntax error): then the old lines mean nothing.
      if (s.diagnosticsRevision === s.revision) s.clearPolicyFocus();
      return;
    }
    const key = `${c.path}\n${c.line}\n${s.analysisRevision}`;
    if (key === asked) return;
    asked = key;
    void client.policyFocus(c.path, c.line)
      .then((r) => store.getState().applyPolicyFocus({ path: c.path, line: c.line, revision: r.revision, result: r.result }));
  };
  let seen = { cursor: store.getState().editorCursor, analysis: -1, diagnostics: -1 };
  const onChange = () => {
    const s = store.getState();
    if (s.editorCursor === seen.cursor && s.analysisRevision === seen.analysis && s.diagnosticsRevision === seen.diagnostics) return;
    seen = { cursor: s.editorCursor, analysis: s.analysisRevision, diagnostics: s.diagnosticsRevision };
    if (timer) clearTimeout(timer);
    timer = null;
    if (!s.editorCursor) {
      asked = ''; // the same line asked again later is a new question
      return;
    }
    timer = setTimeout(ask, debounceMs);
  };
  const unsubscribe = store.subscribe(onChange);
  onChange();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/** The graph's marks for a focus: nodes (and expanded pods) the policy selects, nodes its rules' peers match. */
export interface FocusMarks {
  selected: ReadonlySet<string>;
  peers: ReadonlySet<string>;
}

/** The marks of the store's focus; null when nothing is focused (no policy at the cursor). */
export function focusMarks(focus: PolicyFocusState | null): FocusMarks | null {
  const f = focus?.result;
  if (!f) return null;
  return { selected: new Set([...f.selected, ...f.selectedPods]), peers: new Set(f.peers) };
}

/** The class names a node gets from the focus (`npc-policy-selected`, `npc-rule-peer`), space-separated; '' when none. */
export function focusClass(marks: FocusMarks | null, id: string): string {
  if (!marks) return '';
  const out: string[] = [];
  if (marks.selected.has(id)) out.push('npc-policy-selected');
  if (marks.peers.has(id)) out.push('npc-rule-peer');
  return out.join(' ');
}
