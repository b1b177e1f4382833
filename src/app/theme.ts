import type { AppStore } from '../state/store';
import { resolveTheme } from '../state/theme';

/**
 * Keeps the page's theme in step with the store: feeds the system's prefers-color-scheme into
 * the store and mirrors the resolved theme onto <html> as `data-theme` (the CSS switches on it)
 * and `color-scheme` (native form controls and scrollbars follow).
 */
export function connectTheme(store: AppStore, win: Window): () => void {
  const query = win.matchMedia('(prefers-color-scheme: dark)');
  const onSystem = () => store.getState().setSystemDark(query.matches);
  onSystem();
  query.addEventListener('change', onSystem);
  const root = win.document.documentElement;
  const apply = () => {
    const s = store.getState();
    const theme = resolveTheme(s.themePreference, s.systemDark);
    if (root.dataset.theme !== theme) {
      root.dataset.theme = theme;
      root.style.colorScheme = theme;
    }
  };
  apply();
  const unsubscribe = store.subscribe(apply);
  return () => {
    unsubscribe();
    query.removeEventListener('change', onSystem);
  };
}
