import type { WorkspaceFile } from '../engine';
import type { AppStore } from './store';
import { readDraggedPositions, type DraggedPositions } from './nodePositions';
import { isThemePreference, type ThemePreference } from './theme';

/** The workspace's key in the first versions, in localStorage (read once, to carry it over). */
const LEGACY_KEY = 'netpol-canvas/workspace/v1';

export interface Saved {
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

/**
 * Where the workspace is saved: IndexedDB in the app (src/app/storage.ts; localStorage's few
 * megabytes do not hold a large cluster's files), memory in tests. Values are stored as they
 * are (structured clone), read back untrusted.
 */
export interface WorkspaceStorage {
  read(): Promise<unknown>;
  write(value: Saved): Promise<void>;
}

/** A saved value, if it has the shape of one. */
export function readSaved(v: unknown): Saved | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Partial<Saved>;
  if (!Array.isArray(o.files) || !o.files.every((f) => typeof f?.path === 'string' && typeof f?.text === 'string')) return null;
  return {
    files: o.files.map((f) => ({ path: f.path, text: f.text })),
    activePath: typeof o.activePath === 'string' ? o.activePath : o.files[0]?.path ?? '',
    walkthroughStep: typeof o.walkthroughStep === 'number' ? o.walkthroughStep : 0,
  };
}

/**
 * The autosaved workspace, if any and readable. A workspace the first versions left in
 * localStorage is carried over (and removed there once saved anew).
 */
export async function loadSaved(storage: WorkspaceStorage, legacy?: KeyValueStorage): Promise<Saved | null> {
  try {
    const saved = readSaved(await storage.read());
    if (saved) return saved;
  } catch {
    // Storage unavailable (private mode, blocked): start from the demo, keep working in memory.
  }
  try {
    const raw = legacy?.getItem(LEGACY_KEY);
    return raw ? readSaved(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

/**
 * Saves the files shortly after every change, and at once when the page is hidden, so a reload
 * or crash never loses an edit. `onResult` hears whether each save worked (null) or why not.
 */
export function autosave(store: AppStore, storage: WorkspaceStorage, opts: { delayMs?: number; legacy?: KeyValueStorage; onResult?(error: string | null): void } = {}): { flush(): Promise<void>; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = store.getState().files;
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    timer = null;
    const s = store.getState();
    const value: Saved = { files: s.files, activePath: s.activePath, walkthroughStep: s.walkthroughStep };
    writing = writing.then(() => storage.write(value)).then(() => {
      opts.legacy?.removeItem(LEGACY_KEY);
      opts.onResult?.(null);
    }, (e: unknown) => opts.onResult?.(e instanceof Error ? e.message : String(e)));
    return writing;
  };
  const unsubscribe = store.subscribe((s) => {
    if (s.files === last) return;
    last = s.files;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), opts.delayMs ?? 400);
  });
  return {
    flush: () => {
      if (!timer) return writing;
      clearTimeout(timer);
      return save();
    },
    stop: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
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
