import { useEffect } from 'react';
import { appStore } from '../../state/store';

/**
 * Ctrl/Cmd+Z undoes the last model edit and Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, wherever the
 * focus is, except in form fields (their own text) and in the editor (which binds the same
 * keys to this history itself, ui/editor/PolicyEditor.tsx).
 */
export function useHistoryKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      const undo = key === 'z' && !e.shiftKey;
      if (!undo && !redo) return;
      const t = e.target instanceof Element ? e.target : null;
      if (t && (t.closest('input, textarea, select, [contenteditable="true"]') || t.closest('.monaco-editor'))) return;
      e.preventDefault();
      if (undo) appStore.getState().undo();
      else appStore.getState().redo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
