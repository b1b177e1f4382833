import type { StateCreator } from 'zustand';
import { replacesShownModel, type AnalysisResult, type Diagnostic } from '../../engine';
import type { AppState } from '../store';
import { namespaceDefaults } from './view';

/** Markers the editor reports (schema and YAML syntax), next to the engine's diagnostics. */
export interface EditorProblem {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  source: 'schema' | 'yaml' | 'engine';
}

/** The latest engine result, tagged with the revision it was computed from. */
export interface AnalysisSlice {
  /** The last result whose input parsed without errors: what the graph shows. */
  analysis: AnalysisResult | null;
  analysisRevision: number;
  /** Diagnostics of the newest revision, even when it did not replace the graph. */
  diagnostics: Diagnostic[];
  diagnosticsRevision: number;
  editorProblems: EditorProblem[];
  evaluating: boolean;
  lastMillis: number;
  engineError: string | null;
  /** `acceptErrors`: a whole edit (import, graph, undo), shown even with new errors (engine/lastGood.ts). */
  applyAnalysis(revision: number, result: AnalysisResult, millis: number, acceptErrors?: boolean): void;
  setEvaluating(v: boolean): void;
  setEngineError(message: string | null): void;
  setEditorProblems(path: string, problems: EditorProblem[]): void;
}

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  analysis: null,
  analysisRevision: -1,
  diagnostics: [],
  diagnosticsRevision: -1,
  editorProblems: [],
  evaluating: false,
  lastMillis: 0,
  engineError: null,
  applyAnalysis: (revision, result, millis, acceptErrors = false) =>
    set((s) => {
      if (revision < s.diagnosticsRevision) return s; // stale: a newer revision already answered
      // Text that does not parse, or a resource with a new error, keeps the last good graph on
      // screen and shows the problems instead (never lose the user's picture mid-edit).
      const keepGraph = !replacesShownModel(s.analysis?.diagnostics ?? null, result.diagnostics, acceptErrors);
      return {
        diagnostics: result.diagnostics,
        diagnosticsRevision: revision,
        lastMillis: millis,
        engineError: null,
        ...(keepGraph ? {} : { analysis: result, analysisRevision: revision, ...namespaceDefaults(s, result.nodes) }),
      };
    }),
  setEvaluating: (evaluating) => set({ evaluating }),
  setEngineError: (engineError) => set({ engineError }),
  setEditorProblems: (path, problems) =>
    set((s) => ({ editorProblems: [...s.editorProblems.filter((p) => p.path !== path), ...problems] })),
});
