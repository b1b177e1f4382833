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

/** A flow log as it was loaded: its name and its content (a picked File, or the demo's text). */
export interface KeptFlowFile { name: string; blob: Blob }

/**
 * The loaded flow logs, kept beside the workspace so that a reload counts them again. IndexedDB
 * stores Blobs as they are (no copy into a string), so a large log costs its size on disk once.
 */
const FLOWS_KEY = 'flows/v1';

/** `read` says null when no flow logs were ever kept (the demo's come then), [] when they were cleared. */
export function indexedDbFlows(): { read(): Promise<KeptFlowFile[] | null>; write(files: readonly KeptFlowFile[]): Promise<void> } {
  const db = createStore('netpol-canvas', 'keyval');
  return {
    read: async () => {
      const v = await get<unknown>(FLOWS_KEY, db).catch(() => undefined);
      if (!Array.isArray(v)) return null;
      return v.filter((f): f is KeptFlowFile => typeof f === 'object' && f !== null && typeof (f as KeptFlowFile).name === 'string' && (f as KeptFlowFile).blob instanceof Blob);
    },
    write: (files) => set(FLOWS_KEY, [...files], db),
  };
}
