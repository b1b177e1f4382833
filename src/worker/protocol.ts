/**
 * The typed messages between the UI thread and the engine worker. Plain JSON-like data only;
 * types come from the engine with `import type`, so no engine code loads on the UI thread
 * through this file.
 */
import type { ConnectionExplanation, Diagnostic, ExportOptions, ExportResult, FlowSource, HitReport, ImportPlan, NodeInspection, PlanAnswer, PlanEdit, PolicyFocus, WorkloadExpansion } from '../engine';
export type { EdgeChange, FlowSource, PlanAnswer, PlanEdit } from '../engine';
import type { WireAnalysis } from './resultDelta';

/** A workspace file in an `analyze` request: its text, or none when unchanged since the last request. */
export interface FileUpdate {
  path: string;
  text?: string;
}

/** Requests the UI sends. `revision` orders analyses: older answers are dropped. */
export type EngineRequest =
  /**
   * Every file of the workspace, in order; `text` is left out for a file whose text is the one
   * the previous `analyze` sent (typing in one file then moves that file only, not megabytes).
   * `acceptErrors`: a whole edit (an import, the graph), shown even with new errors (lastGood.ts).
   */
  | { type: 'analyze'; id: number; revision: number; files: FileUpdate[]; acceptErrors?: boolean }
  | { type: 'explain'; id: number; revision: number; src: string; dst: string; probe: string; scope?: 'enforced' | 'pending' }
  /** The node inspector: a node's facts and the policies that apply to it (answered from the last analysis). */
  | { type: 'inspect-node'; id: number; revision: number; node: string }
  /** The editor's cursor: the policy written at that line of that file, what it selects, its rules' peers. */
  | { type: 'policy-focus'; id: number; revision: number; path: string; line: number }
  /** Workloads shown as their pods (answered from the session the graph shows). */
  | { type: 'expand'; id: number; revision: number; workloads: string[] }
  /** The workspace as YAML for calicoctl / kubectl (engine/author/export.ts), from these texts. */
  | { type: 'export'; id: number; revision: number; files: { path: string; text: string }[]; options: ExportOptions }
  /** A model edit (a drag's rule, a board move, a tier change) written into these texts, with its effect on every edge. */
  | { type: 'plan'; id: number; revision: number; files: { path: string; text: string }[]; edit: PlanEdit }
  /** Files dropped, picked or pasted, read against the workspace: the files to add and a report per document. */
  | { type: 'import'; id: number; revision: number; files: { path: string; text: string }[]; incoming: { name: string; text: string }[]; strip: boolean }
  /**
   * Flow-log files, parsed and kept in the worker (replacing or adding to those it has). A file
   * comes as text, as its bytes (UTF-8), or as the picked File itself: a Blob crosses to the
   * worker without being read, and the worker reads it (the page never holds a 900 MB log).
   * The dispatcher takes text or bytes: each transport reads Blobs first.
   */
  | { type: 'load-flows'; id: number; revision: number; files: ({ name: string; text: string } | { name: string; bytes: ArrayBuffer } | { name: string; blob: Blob })[]; replace: boolean }
  /** The kept flows replayed through the model on screen. */
  | { type: 'hits'; id: number; revision: number };



/** An export, or why there is none: the input's errors, located (nothing invalid is exported). */
export type ExportAnswer = ExportResult | { error: string; problems: Diagnostic[] };

/** Answers the worker sends back, tagged with the request id and the revision they belong to. */
export type EngineResponse =
  /** `result` is a delta against the previous analysis answered (resultDelta.ts). */
  | { type: 'analysis'; id: number; revision: number; result: WireAnalysis; millis: number }
  | { type: 'explanation'; id: number; revision: number; result: ConnectionExplanation | { error: string } }
  | { type: 'node-inspection'; id: number; revision: number; result: NodeInspection | { error: string } }
  | { type: 'policy-focus'; id: number; revision: number; result: PolicyFocus | null }
  | { type: 'expansion'; id: number; revision: number; result: WorkloadExpansion | { error: string } }
  | { type: 'export'; id: number; revision: number; result: ExportAnswer }
  | { type: 'plan'; id: number; revision: number; result: PlanAnswer }
  | { type: 'import'; id: number; revision: number; result: ImportPlan }
  | { type: 'flows'; id: number; revision: number; sources: FlowSource[] }
  /** How far a long request is (not its answer: the request's answer follows). */
  | { type: 'progress'; id: number; revision: number; file: string; phase: 'read'; done: number; total: number }
  | { type: 'hits'; id: number; revision: number; result: HitReport | null }
  | { type: 'failure'; id: number; revision: number; message: string };
