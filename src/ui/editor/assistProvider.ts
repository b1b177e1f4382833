import { monaco } from './monacoSetup';
import { assistAt, type AssistKind } from './selectorAssist';
import { NO_FACTS, type WorkspaceFacts } from '../../state/workspaceFacts';
import type { PolicyFocus } from '../../engine';
import { SELECTOR_LINE, selectorHoverMarkdown } from './selectorHover';

/**
 * Registers selectorAssist.ts as a Monaco completion provider (and selector hovers) for YAML, beside monaco-yaml's
 * schema completion (Monaco merges both lists). One provider for the page: it reads the
 * facts the editor last handed over.
 */
let facts: WorkspaceFacts = NO_FACTS;

type HoverSource = (path: string, line: number) => Promise<PolicyFocus | null>;
let hoverSource: HoverSource | null = null;

/** Where selector hovers ask the engine what a line's policy selects (null: no hovers). */
export function setHoverSource(next: HoverSource | null): void {
  hoverSource = next;
}

/** The workspace facts completion offers from now on. */
export function setAssistFacts(next: WorkspaceFacts): void {
  facts = next;
}

const KIND: Record<AssistKind, monaco.languages.CompletionItemKind> = {
  key: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.Value,
  operator: monaco.languages.CompletionItemKind.Operator,
  function: monaco.languages.CompletionItemKind.Function,
  namespace: monaco.languages.CompletionItemKind.Module,
  port: monaco.languages.CompletionItemKind.Constant,
};

const provider = monaco.languages.registerCompletionItemProvider('yaml', {
  triggerCharacters: [' ', '"', "'", '(', '{', ',', ':'],
  provideCompletionItems(model, position) {
    const lines = model.getLinesContent();
    const found = assistAt(lines, position.lineNumber, position.column, facts);
    if (!found || found.items.length === 0) return { suggestions: [] };
    const range = new monaco.Range(position.lineNumber, found.from, position.lineNumber, position.column);
    return {
      suggestions: found.items.map((item, i) => ({
        label: item.label,
        kind: KIND[item.kind],
        insertText: item.insertText,
        range,
        // Ours first, in our order, before monaco-yaml's schema suggestions.
        sortText: `0${String(i).padStart(4, '0')}`,
        ...(item.detail ? { detail: item.detail } : {}),
      })),
    };
  },
});

// Hover on a selector line: how many endpoints the policy selects (or the rule's peers match), and which.
const hover = monaco.languages.registerHoverProvider('yaml', {
  async provideHover(model, position) {
    const text = model.getLineContent(position.lineNumber);
    if (!hoverSource || !SELECTOR_LINE.test(text)) return null;
    // Models are file:///<workspace path> (PolicyEditor.tsx).
    const focus = await hoverSource(model.uri.path.replace(/^\//, ''), position.lineNumber);
    if (!focus) return null;
    return {
      range: new monaco.Range(position.lineNumber, 1, position.lineNumber, model.getLineMaxColumn(position.lineNumber)),
      // Not trusted, no HTML: names and labels are the user's text (escaped in selectorHover.ts).
      contents: [{ value: selectorHoverMarkdown(focus), isTrusted: false, supportHtml: false }],
    };
  },
});

import.meta.hot?.dispose(() => {
  provider.dispose();
  hover.dispose();
});
