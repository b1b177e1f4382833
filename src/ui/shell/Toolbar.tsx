import { useAppStore } from '../../state/store';
import { useProblems } from './problems';
import { isThemePreference, THEME_PREFERENCES } from '../../state/theme';

/** Top bar: product name, evaluation status, theme choice, reset and the "N problems" indicator. */
export function Toolbar({ onShowProblems, onReset }: { onShowProblems(): void; onReset(): void }) {
  const evaluating = useAppStore((s) => s.evaluating);
  const millis = useAppStore((s) => s.lastMillis);
  const counts = useAppStore((s) => s.analysis?.counts);
  const engineError = useAppStore((s) => s.engineError);
  const stale = useAppStore((s) => s.analysisRevision !== s.diagnosticsRevision);
  const problems = useProblems();
  const themePreference = useAppStore((s) => s.themePreference);
  const setThemePreference = useAppStore((s) => s.setThemePreference);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <header className="npc-toolbar">
      <h1 className="npc-title">netpol-canvas</h1>
      <span className="npc-status" data-testid="status" aria-live="polite">
        {engineError ? `engine error: ${engineError}` : evaluating ? 'evaluating…' : `evaluated in ${millis.toFixed(1)} ms`}
        {counts ? ` · ${counts.allow} allowed · ${counts.partial} partial · ${counts.deny} denied` : ''}
        {stale ? ' · showing the last valid model' : ''}
      </span>
      <label className="npc-theme">
        Theme{' '}
        <select className="npc-toolbar-select" data-testid="theme-select" value={themePreference}
          title="auto follows the system's light / dark setting"
          onChange={(e) => { if (isThemePreference(e.target.value)) setThemePreference(e.target.value); }}>
          {THEME_PREFERENCES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
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
