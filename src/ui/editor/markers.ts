import { monaco } from './monacoSetup';
import type { EditorMarker } from './types';

/** Marker owner of the engine's diagnostics (monaco-yaml's own owner is 'yaml'). */
export const ENGINE_OWNER = 'netpol-canvas';

const TO_MONACO: Record<EditorMarker['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

function fromSeverity(s: monaco.MarkerSeverity): EditorMarker['severity'] {
  if (s === monaco.MarkerSeverity.Error) return 'error';
  if (s === monaco.MarkerSeverity.Warning) return 'warning';
  return 'info';
}

/**
 * An engine diagnostic as a Monaco marker. Positions are clamped into the model: the engine
 * may have parsed a newer or older text than the one shown while the user types.
 */
export function toMonacoMarker(m: EditorMarker, model: monaco.editor.ITextModel): monaco.editor.IMarkerData {
  const lines = model.getLineCount();
  const line = Math.min(Math.max(1, m.line), lines);
  const endLine = Math.min(Math.max(line, m.endLine), lines);
  const column = Math.min(Math.max(1, m.column), model.getLineMaxColumn(line));
  const endColumn = Math.min(
    Math.max(endLine === line ? column : 1, m.endColumn),
    model.getLineMaxColumn(endLine),
  );
  return {
    severity: TO_MONACO[m.severity],
    message: m.message,
    // Monaco shows `source(code)` after the message in the hover, e.g. "netpol-canvas(NPC010)".
    code: m.code,
    source: ENGINE_OWNER,
    startLineNumber: line,
    startColumn: column,
    endLineNumber: endLine,
    endColumn,
  };
}

/**
 * A Monaco marker as an EditorMarker. monaco-yaml labels schema findings
 * `yaml-schema: <schema uri>` and YAML syntax findings `YAML` (its YAML_SOURCE).
 */
export function fromMonacoMarker(m: monaco.editor.IMarker, path: string): EditorMarker {
  const source: EditorMarker['source'] =
    m.owner === ENGINE_OWNER ? 'engine' : m.source?.startsWith('yaml-schema') ? 'schema' : 'yaml';
  // monaco-yaml's codes are yaml-language-server internals (0 = unspecified, 1 = enum
  // mismatch, ...), meaningless in a problems list; only the engine's NPCxxx codes are kept.
  const code = source !== 'engine' || m.code === undefined ? '' : typeof m.code === 'string' ? m.code : m.code.value;
  return {
    path,
    line: m.startLineNumber,
    column: m.startColumn,
    endLine: m.endLineNumber,
    endColumn: m.endColumn,
    severity: fromSeverity(m.severity),
    code,
    message: m.message,
    source,
  };
}

/** All markers of one model, every owner, in reading order. */
export function modelMarkers(model: monaco.editor.ITextModel, path: string): EditorMarker[] {
  return monaco.editor
    .getModelMarkers({ resource: model.uri })
    .map((m) => fromMonacoMarker(m, path))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.source.localeCompare(b.source));
}
