import type { ConnectRequest, FileChange } from './connect';
import type { PolicyRef } from './reorder';

/** The model edits the graph and the board ask the engine to write (this folder). */
export type PlanEdit =
  | { op: 'connect'; request: ConnectRequest }
  | { op: 'move'; policy: PolicyRef; tier: string; index: number }
  | { op: 'tier-create'; name: string; order: number | null; file: string }
  | { op: 'tier-rename'; from: string; to: string }
  | { op: 'tier-delete'; name: string }
  | { op: 'stage'; policy: PolicyRef }
  | { op: 'enforce'; policy: PolicyRef };

/** One edge whose connections a planned edit changes (pending: with staged policies enforced). */
export interface EdgeChange {
  id: string;
  source: string;
  target: string;
  before: string;
  after: string;
  pendingBefore?: string;
  pendingAfter?: string;
}

/** A planned edit: the changed files (with their diffs), and what it does to the graph. */
export type PlanAnswer = { changes: (FileChange & { diff: string })[]; impact: EdgeChange[] } | { error: string };
