import type { StateCreator } from 'zustand';
import { editObject, findObject, type ObjectEdit, type WorkspaceFile } from '../../engine';
import type { AppState } from '../store';
import { filePathProblem } from '../filePaths';

/** The user's files: the only thing that is ever authored by hand. */
export interface WorkspaceSlice {
  files: WorkspaceFile[];
  activePath: string;
  /** Bumped on every change of file text; analyses are tagged with it. */
  revision: number;
  /**
   * Who made the last change: the user typing (`typing`), or a whole edit (`model`: an import,
   * the walkthrough, the graph, undo). A new error from typing keeps the last valid graph on
   * screen (engine/lastGood.ts); a whole edit is shown as it is, its errors listed.
   */
  lastEditOrigin: 'typing' | 'model';
  /** Replace one file's text (typing, a walkthrough step, the scripting API); `typing` edits of one burst are one undo step. */
  setFileText(path: string, text: string, origin?: 'typing'): void;
  /** Replace the whole workspace. */
  replaceFiles(files: WorkspaceFile[], activePath?: string): void;
  setActivePath(path: string): void;
  /** A new empty file, made active; the problem with the name instead when there is one. */
  addFile(path: string, text?: string): string | null;
  /** Renames a file (its text and active state go with it); the problem with the name, or null. */
  renameFile(from: string, to: string): string | null;
  /** Removes a file; the last one stays (a workspace always has a file to type in). */
  deleteFile(path: string): string | null;
  /**
   * A model edit made outside the text (the graph, the board, the scripting API): rewrites only
   * that object's document through the yaml Document API (engine/parse/rewrite.ts), so the
   * editor applies it as one undoable step. The problem, or null.
   */
  editResource(path: string, ref: ResourceRef, edits: readonly ObjectEdit[]): string | null;
  /** Several files written as one edit (one undo step): a drag that writes both ends, an import. New paths are added. */
  applyFileChanges(changes: readonly { path: string; text: string }[]): void;
  /** Why the last autosave failed (storage full, blocked), or null when it worked. */
  saveError: string | null;
  setSaveError(error: string | null): void;
  /** A one-line message over the graph (a shared workspace opened, a link that could not be read). */
  notice: string | null;
  setNotice(notice: string | null): void;
}

/** A resource by kind, name and (for namespaced kinds) namespace. */
export interface ResourceRef {
  kind: string;
  name: string;
  namespace?: string;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  files: [],
  activePath: 'workspace.yaml',
  revision: 0,
  lastEditOrigin: 'model',
  saveError: null,
  notice: null,
  setNotice: (notice) => set({ notice }),
  setSaveError: (saveError) => { if (get().saveError !== saveError) set({ saveError }); },
  setFileText: (path, text, origin) => {
    const s = get();
    const exists = s.files.some((f) => f.path === path);
    if (exists && s.files.find((f) => f.path === path)!.text === text) return;
    s.recordHistory({ files: s.files, activePath: s.activePath }, origin === 'typing' ? path : undefined);
    const files = exists ? s.files.map((f) => (f.path === path ? { path, text } : f)) : [...s.files, { path, text }];
    set({ files, revision: get().revision + 1, lastEditOrigin: origin === 'typing' ? 'typing' : 'model' });
  },
  // A new workspace gets the collapse defaults afresh with its first analysis (slices/view.ts
  // namespaceDefaults); the graph on screen until then keeps its collapse state.
  replaceFiles: (files, activePath) => {
    get().recordHistory({ files: get().files, activePath: get().activePath });
    set((s) => ({ files, activePath: activePath ?? files[0]?.path ?? s.activePath, revision: s.revision + 1, lastEditOrigin: 'model', seenNamespaces: new Set<string>() }));
  },
  setActivePath: (activePath) => set({ activePath }),
  addFile: (path, text = '') => {
    const problem = filePathProblem(path, get().files.map((f) => f.path));
    if (problem) return problem;
    get().recordHistory({ files: get().files, activePath: get().activePath });
    set((s) => ({ files: [...s.files, { path, text }], activePath: path, revision: s.revision + 1, lastEditOrigin: 'model' }));
    return null;
  },
  renameFile: (from, to) => {
    if (from === to) return null;
    const others = get().files.map((f) => f.path).filter((p) => p !== from);
    if (others.length === get().files.length) return `${from} does not exist`;
    const problem = filePathProblem(to, others);
    if (problem) return problem;
    // Diagnostics and explanations name files: the workspace is evaluated again under the new name.
    get().recordHistory({ files: get().files, activePath: get().activePath });
    set((s) => ({
      files: s.files.map((f) => (f.path === from ? { path: to, text: f.text } : f)),
      activePath: s.activePath === from ? to : s.activePath,
      revision: s.revision + 1,
      lastEditOrigin: 'model',
    }));
    return null;
  },
  deleteFile: (path) => {
    const files = get().files;
    if (!files.some((f) => f.path === path)) return `${path} does not exist`;
    if (files.length === 1) return 'the last file of the workspace stays';
    get().recordHistory({ files, activePath: get().activePath });
    set((s) => {
      const i = s.files.findIndex((f) => f.path === path);
      const next = s.files.filter((f) => f.path !== path);
      return { files: next, activePath: s.activePath === path ? next[Math.max(0, i - 1)]!.path : s.activePath, revision: s.revision + 1, lastEditOrigin: 'model' };
    });
    return null;
  },
  applyFileChanges: (changes) => {
    const s = get();
    const next = new Map(changes.map((c) => [c.path, c.text]));
    if (![...next].some(([path, text]) => s.files.find((f) => f.path === path)?.text !== text)) return;
    s.recordHistory({ files: s.files, activePath: s.activePath });
    const files = [...s.files.map((f) => (next.has(f.path) ? { path: f.path, text: next.get(f.path)! } : f)),
      ...changes.filter((c) => !s.files.some((f) => f.path === c.path)).map((c) => ({ path: c.path, text: c.text }))];
    set({ files, revision: s.revision + 1, lastEditOrigin: 'model' });
  },
  editResource: (path, ref, edits) => {
    const file = get().files.find((f) => f.path === path);
    if (!file) return `${path} does not exist`;
    const address = findObject(file.text, ref);
    if (!address) return `${path} has no ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    const r = editObject(file.text, address, edits);
    if ('error' in r) return `${path}: ${r.error}`;
    get().setFileText(path, r.text);
    return null;
  },
});
