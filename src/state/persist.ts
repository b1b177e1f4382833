import type { WorkspaceFile } from '../engine';
import type { AppStore } from './store';
import { readDraggedPositions, type DraggedPositions } from './nodePositions';
import { isThemePreference, type ThemePreference } from './theme';

/** Storage key carries a schema version: a format change never misreads old data. */
const KEY = 'netpol-canvas/workspace/v1';

interface Saved {
  files: WorkspaceFile[];
  activePath: string;
  walkthroughStep: number;
}

/** Minimal storage surface (window.localStorage in the app, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The autosaved workspace, if any and readable. Only user-authored data is stored. */
export function loadSaved(storage: KeyValueStorage): Saved | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Saved>;
    if (!Array.isArray(v.files) || !v.files.every((f) => typeof f?.path === 'string' && typeof f?.text === 'string')) return null;
    return { files: v.files, activePath: typeof v.activePath === 'string' ? v.activePath : v.files[0]?.path ?? '', walkthroughStep: typeof v.walkthroughStep === 'number' ? v.walkthroughStep : 0 };
  } catch {
    return null;
  }
}

/** Saves the files shortly after every change, so a reload or crash never loses an edit. */
export function autosave(store: AppStore, storage: KeyValueStorage, delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = store.getState().files;
  const save = () => {
    timer = null;
    const s = store.getState();
    try {
      storage.setItem(KEY, JSON.stringify({ files: s.files, activePath: s.activePath, walkthroughStep: s.walkthroughStep } satisfies Saved));
    } catch {
      // Quota exceeded or storage disabled: keep working in memory.
    }
  };
  const unsubscribe = store.subscribe((s) => {
    if (s.files === last) return;
    last = s.files;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/** Forgets the autosaved workspace (the "reset demo" action). */
export function clearSaved(storage: KeyValueStorage): void {
  storage.removeItem(KEY);
}

/** View settings (not workspace data) live under their own versioned key. */
const VIEW_KEY = 'netpol-canvas/view/v1';

interface SavedView {
  themePreference: ThemePreference;
}

/** The saved view settings, each field falling back to its default when missing or unreadable. */
export function loadViewSettings(storage: KeyValueStorage): SavedView {
  try {
    const v = JSON.parse(storage.getItem(VIEW_KEY) ?? '{}') as Partial<SavedView>;
    return { themePreference: isThemePreference(v.themePreference) ? v.themePreference : 'auto' };
  } catch {
    return { themePreference: 'auto' };
  }
}

/** Saves the view settings whenever one changes (rare, user-driven: no debounce needed). */
export function persistViewSettings(store: AppStore, storage: KeyValueStorage): () => void {
  let last = store.getState().themePreference;
  return store.subscribe((s) => {
    if (s.themePreference === last) return;
    last = s.themePreference;
    try {
      storage.setItem(VIEW_KEY, JSON.stringify({ themePreference: s.themePreference } satisfies SavedView));
    } catch {
      // Storage disabled: the choice holds for this session.
    }
  });
}

/** Dragged node positions: a view of the user's own making, under their own versioned key. */
const POSITIONS_KEY = 'netpol-canvas/positions/v1';

/** The saved dragged positions (empty when none, or unreadable). */
export function loadNodePositions(storage: KeyValueStorage): DraggedPositions {
  try {
    return readDraggedPositions(JSON.parse(storage.getItem(POSITIONS_KEY) ?? '{}'));
  } catch {
    return {};
  }
}

/** Saves the dragged positions whenever they change (a drag ends, Re-layout clears them). */
export function persistNodePositions(store: AppStore, storage: KeyValueStorage): () => void {
  let last = store.getState().nodePositions;
  return store.subscribe((s) => {
    if (s.nodePositions === last) return;
    last = s.nodePositions;
    try {
      if (Object.keys(last).length === 0) storage.removeItem(POSITIONS_KEY);
      else storage.setItem(POSITIONS_KEY, JSON.stringify(last));
    } catch {
      // Quota exceeded or storage disabled: the positions hold for this session.
    }
  });
}
