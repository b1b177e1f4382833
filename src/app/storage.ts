import { createStore, get, set } from 'idb-keyval';
import type { Saved, WorkspaceStorage } from '../state/persist';

/**
 * The workspace in IndexedDB (idb-keyval): no size limit worth the name, unlike localStorage's
 * few megabytes, and values kept as structured clones. The key carries a format version.
 */
const KEY = 'workspace/v2';

export function indexedDbWorkspace(): WorkspaceStorage {
  const db = createStore('netpol-canvas', 'keyval');
  return {
    read: () => get<unknown>(KEY, db),
    write: (value: Saved) => set(KEY, value, db),
  };
}
