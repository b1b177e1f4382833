import type { StateCreator } from 'zustand';
import type { WorkspaceFile } from '../../engine';
import type { AppState } from '../store';

/** The user's files: the only thing that is ever authored by hand. */
export interface WorkspaceSlice {
  files: WorkspaceFile[];
  activePath: string;
  /** Bumped on every change of file text; analyses are tagged with it. */
  revision: number;
  /** Replace one file's text (typing, a walkthrough step, the scripting API). */
  setFileText(path: string, text: string): void;
  /** Replace the whole workspace. */
  replaceFiles(files: WorkspaceFile[], activePath?: string): void;
  setActivePath(path: string): void;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  files: [],
  activePath: 'workspace.yaml',
  revision: 0,
  setFileText: (path, text) =>
    set((s) => {
      const exists = s.files.some((f) => f.path === path);
      if (exists && s.files.find((f) => f.path === path)!.text === text) return s;
      const files = exists ? s.files.map((f) => (f.path === path ? { path, text } : f)) : [...s.files, { path, text }];
      return { files, revision: s.revision + 1 };
    }),
  // A new workspace gets the collapse defaults afresh with its first analysis (slices/view.ts
  // namespaceDefaults); the graph on screen until then keeps its collapse state.
  replaceFiles: (files, activePath) =>
    set((s) => ({ files, activePath: activePath ?? files[0]?.path ?? s.activePath, revision: s.revision + 1, seenNamespaces: new Set<string>() })),
  setActivePath: (activePath) => set({ activePath }),
});
