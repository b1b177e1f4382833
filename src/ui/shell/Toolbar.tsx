import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../state/store';
import { probedCounts, probeFlow } from '../../state/probe';
import { useProblems } from './problems';
import { isThemePreference, THEME_PREFERENCES } from '../../state/theme';

/** Long evaluations become visible after this long (shorter ones would only flicker). */
const PROGRESS_AFTER_MS = 300;

/** Seconds the worker has been evaluating, once past {@link PROGRESS_AFTER_MS}; null otherwise. */
function useEvaluatingSeconds(evaluating: boolean): number | null {
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    if (!evaluating) {
      setElapsed(null);
      return;
    }
    const start = performance.now();
    const tick = () => {
      const ms = performance.now() - start;
      setElapsed(ms >= PROGRESS_AFTER_MS ? ms / 1000 : null);
    };
    const timer = setInterval(tick, 100);
    return () => clearInterval(timer);
  }, [evaluating]);
  return elapsed;
}

/** Top bar: product name, evaluation status and progress, theme choice, reset and the "N problems" indicator. */
export function Toolbar({ onShowProblems, onReset, onExport, onShare, onImport, onFlows }: { onShowProblems(): void; onReset(): void; onExport(): void; onShare(): void; onImport(): void; onFlows(): void }) {
  const evaluating = useAppStore((s) => s.evaluating);
  const seconds = useEvaluatingSeconds(evaluating);
  const millis = useAppStore((s) => s.lastMillis);
  const analysis = useAppStore((s) => s.analysis);
  const probe = useAppStore((s) => s.probe);
  // The header counts follow the graph's probe (state/probe.ts probedCounts).
  const counts = useMemo(() => (analysis ? probedCounts(analysis, probe) : undefined), [analysis, probe]);
  const probeOn = probeFlow(probe) !== null;
  const engineError = useAppStore((s) => s.engineError);
  const stale = useAppStore((s) => s.analysisRevision !== s.diagnosticsRevision);
  const problems = useProblems();
  const saveError = useAppStore((s) => s.saveError);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const themePreference = useAppStore((s) => s.themePreference);
  const setThemePreference = useAppStore((s) => s.setThemePreference);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <header className="npc-toolbar">
      <h1 className="npc-title">netpol-canvas</h1>
      <span className="npc-status" data-testid="status" aria-live="polite">
        {evaluating && seconds !== null && !engineError
          ? <span className="npc-eval-progress" role="progressbar" aria-label="evaluating" data-testid="evaluating-progress" /> : null}
        {engineError ? `engine error: ${engineError}` : evaluating ? 'evaluating…' : `evaluated in ${millis.toFixed(1)} ms`}
        {/* The ticking seconds are hidden from screen readers: the live region would announce every tick. */}
        {evaluating && seconds !== null && !engineError ? <span aria-hidden="true" data-testid="evaluating-seconds">{` ${seconds.toFixed(1)} s`}</span> : null}
        {counts ? (
          <span data-testid="header-counts" data-allow={counts.allow} data-partial={counts.partial} data-deny={counts.deny}>
            {` · ${counts.allow} allowed · ${counts.partial} partial · ${counts.deny} denied${probeOn ? ` for ${probe}` : ''}`}
          </span>
        ) : ''}
        {stale ? ' · showing the last valid model' : ''}
        {saveError ? <span className="npc-save-error" data-testid="save-error" title={saveError}>{' · not saved in this browser: '}{saveError}</span> : null}
      </span>
      <label className="npc-theme">
        Theme{' '}
        <select className="npc-toolbar-select" data-testid="theme-select" value={themePreference}
          title="auto follows the system's light / dark setting"
          onChange={(e) => { if (isThemePreference(e.target.value)) setThemePreference(e.target.value); }}>
          {THEME_PREFERENCES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
 <button type="button" className="npc-toolbar-button" data-testid="undo" onClick={() => undo()} disabled={!canUndo} title="Undo the last model edit (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="redo" onClick={() => redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z, Ctrl+Y)">
        Redo
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="import-open" onClick={onImport} title="Add files, folders or pasted YAML to the workspace">
        Import…
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="flows-open" onClick={onFlows} title="Flow logs for hit counts and draft review">
        Flows…
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="share-open" onClick={onShare} title="A link that carries the workspace, or the workspace as a file">
        Share…
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="export-open" onClick={onExport} title="The policies as YAML for calicoctl or kubectl">
        Export…
      </button>
      <button type="button" className="npc-toolbar-button" data-testid="reset-demo" onClick={onReset} title="Discard your edits and load the demo workspace">
        Reset demo
      </button>
      <button
        type="button"
        className={`npc-problems-button${errors > 0 ? ' has-errors' : problems.length > 0 ? ' has-warnings' : ''}`}
        data-testid="problems-count"
        data-count={problems.length}
        onClick={onShowProblems}
      >
        {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
      </button>
    </header>
  );
}
