import { describe, expect, it } from 'vitest';
import { resolveTheme } from './theme';
import { loadViewSettings, persistViewSettings, type KeyValueStorage } from './persist';
import { createAppStore } from './store';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('resolveTheme', () => {
  it('follows the system on auto and an explicit choice otherwise', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('view settings persistence', () => {
  it('defaults to auto when nothing or garbage is stored', () => {
    const st = memoryStorage();
    expect(loadViewSettings(st).themePreference).toBe('auto');
    st.map.set('netpol-canvas/view/v1', '{not json');
    expect(loadViewSettings(st).themePreference).toBe('auto');
    st.map.set('netpol-canvas/view/v1', JSON.stringify({ themePreference: 'purple' }));
    expect(loadViewSettings(st).themePreference).toBe('auto');
  });

  it('saves a changed theme choice and reads it back', () => {
    const st = memoryStorage();
    const store = createAppStore();
    const stop = persistViewSettings(store, st);
    store.getState().setSearchQuery('x'); // unrelated change: nothing written
    expect(st.map.size).toBe(0);
    store.getState().setThemePreference('dark');
    expect(loadViewSettings(st).themePreference).toBe('dark');
    stop();
    store.getState().setThemePreference('light');
    expect(loadViewSettings(st).themePreference).toBe('dark');
  });

  it('requestInspector bumps a counter the shell watches', () => {
    const store = createAppStore();
    store.getState().requestInspector();
    expect(store.getState().inspectRequest).toBe(1);
  });
});
