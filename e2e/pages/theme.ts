import { expect, type Locator, type Page } from '@playwright/test';
import type { ThemePreference } from '../../src/state/theme';

/** Page object over the colour theme: the toolbar choice and what the page shows. */
export class ThemePage {
  readonly select: Locator;

  constructor(readonly page: Page) {
    this.select = page.getByTestId('theme-select');
  }

  async choose(pref: ThemePreference): Promise<void> {
    await this.select.selectOption(pref);
  }

  /** Waits until <html> carries the resolved theme. */
  async expectTheme(theme: 'light' | 'dark'): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  /** The computed background colour of the page (the --bg variable on <html>). */
  pageBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  }

  /** The Monaco editor root: carries the theme's class (`vs` or `vs-dark`). */
  monaco(): Locator {
    return this.page.locator('.monaco-editor').first();
  }
}
