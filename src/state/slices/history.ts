import type { StateCreator } from 'zustand';
import type { WorkspaceFile } from '../../engine';
import type { AppState } from '../store';

/**
 * One undo history for every model edit: typing, the walkthrough, files created / renamed /
 * deleted, edits from the graph and the board, imports. The workspace's files are immutable
 * values, so an entry is just the files before the edit. Typing in one file is one entry per
 * burst (keys less than {@link TYPING_BURST_MS} apart), like an editor's own undo.
 */
export interface HistorySlice {
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Bumped by every undo and redo: the editor moves its cursor to what changed. */
  historyNonce: number;
  /** Called by the workspace actions before they change the files. `burst`: typing into that path. */
  recordHistory(before: HistoryEntry, burst?: string): void;
  undo(): boolean;
  redo(): boolean;
  /** Forgets the history (a workspace restored at start is not an edit to undo). */
  clearHistory(): void;
}

export interface HistoryEntry {
  files: WorkspaceFile[];
  activePath: string;
}

/** Keys typed closer together than this are one undo step. */
export const TYPING_BURST_MS = 1000;
/** Undo steps kept: each is a reference to immutable file values, cheap unless every file changed. */
export const HISTORY_LIMIT = 300;

// Last typing burst: path and time of its last key (not state: nothing renders from it).
let burst: { path: string; at: number } | null = null;

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  historyNonce: 0,
  recordHistory: (before, path) => {
    const now = Date.now();
    const continues = path !== undefined && burst !== null && burst.path === path && now - burst.at < TYPING_BURST_MS && get().past.length > 0;
    burst = path !== undefined ? { path, at: now } : null;
    if (continues) {
      if (get().future.length > 0) set({ future: [] });
      return;
    }
    set((s) => ({ past: [...s.past, before].slice(-HISTORY_LIMIT), future: [] }));
  },
  undo: () => step(get, set, 'past', 'future'),
  redo: () => step(get, set, 'future', 'past'),
  clearHistory: () => {
    burst = null;
    set({ past: [], future: [] });
  },
});

function step(get: () => AppState, set: (p: Partial<AppState>) => void, from: 'past' | 'future', to: 'past' | 'future'): boolean {
  const s = get();
  const target = s[from][s[from].length - 1];
  if (!target) return false;
  burst = null;
  const current: HistoryEntry = { files: s.files, activePath: s.activePath };
  // Show the file the step changes: the first whose text differs (or that appears / goes).
  const before = new Map(s.files.map((f) => [f.path, f.text]));
  const changed = target.files.find((f) => before.get(f.path) !== f.text)?.path;
  const activePath = changed ?? (target.files.some((f) => f.path === s.activePath) ? s.activePath : target.activePath);
  set({
    files: target.files,
    activePath,
    revision: s.revision + 1,
    lastEditOrigin: 'model',
    [from]: s[from].slice(0, -1),
    [to]: [...s[to], current],
    historyNonce: s.historyNonce + 1,
  });
  return true;
}
