import { monaco } from './monacoSetup';
import { assistAt, type AssistKind } from './selectorAssist';
import { NO_FACTS, type WorkspaceFacts } from '../../state/workspaceFacts';

/**
 * Registers selectorAssist.ts as a Monaco completion provider for YAML, beside monaco-yaml's
 * schema completion (Monaco merges both lists). One provider for the page: it reads the
 * facts the editor last handed over.
 */
let facts: WorkspaceFacts = NO_FACTS;

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

import.meta.hot?.dispose(() => provider.dispose());
