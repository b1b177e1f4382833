/** Colour theme: the user's choice (auto follows the system's prefers-color-scheme). */
export type ThemePreference = 'auto' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['auto', 'light', 'dark'];

export function isThemePreference(v: unknown): v is ThemePreference {
  return v === 'auto' || v === 'light' || v === 'dark';
}

/** The theme actually shown: an explicit choice wins; `auto` follows the system. */
export function resolveTheme(pref: ThemePreference, systemDark: boolean): Theme {
  if (pref === 'auto') return systemDark ? 'dark' : 'light';
  return pref;
}
