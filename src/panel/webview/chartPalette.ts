// The charts' colours, read from VS Code's theme (its CSS variables), and which colour each series takes.
import type { Series } from './chartData';

export interface Palette {
  /** What the charts are drawn on. */
  background: string;
  foreground: string;
  lines: string;
  series: string[];
  success: string;
  failure: string;
  unknown: string;
  focus: string;
  contrast: string;
  hoverBackground: string;
  hoverForeground: string;
  hoverBorder: string;
  font: string;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = css('--vscode-charts-foreground', css('--vscode-foreground', '#cccccc'));
  const lines = css('--vscode-charts-lines', 'rgba(128, 128, 128, 0.5)');
  const blue = css('--vscode-charts-blue', '#3794ff');
  const green = css('--vscode-charts-green', '#89d185');
  const orange = css('--vscode-charts-orange', '#d18616');
  const purple = css('--vscode-charts-purple', '#b180d7');
  const yellow = css('--vscode-charts-yellow', '#cca700');
  const red = css('--vscode-charts-red', '#f14c4c');
  return {
    background: css('--vscode-editor-background', '#1e1e1e'),
    foreground,
    lines,
    // Red is the failures' alone.
    series: [blue, orange, green, purple, yellow],
    success: green,
    failure: red,
    unknown: lines,
    focus: css('--vscode-focusBorder', foreground),
    contrast: css('--vscode-contrastBorder', ''),
    hoverBackground: css('--vscode-editorHoverWidget-background', 'rgba(0, 0, 0, 0.8)'),
    hoverForeground: css('--vscode-editorHoverWidget-foreground', foreground),
    hoverBorder: css('--vscode-editorHoverWidget-border', lines),
    font: css('--vscode-font-family', 'sans-serif'),
  };
}

/** Calls `onChange` whenever the theme changes; disconnect the observer to stop. */
export function observeTheme(onChange: () => void): MutationObserver {
  // VS Code changes the theme by the body's class and the variables on <html>.
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return observer;
}

/** Colour slots by series key, kept while the key is shown so a series keeps its colour across updates. */
export class ColourSlots {
  private readonly slots = new Map<string, number>();

  /** The slot of a shown key (0 for any other). */
  of(key: string): number {
    return this.slots.get(key) ?? 0;
  }

  /** Keeps each shown key's colour; a new key takes the first colour no shown key has. */
  assign(series: Series[]): void {
    const keys = new Set(series.filter((s) => !s.rest && !s.failed).map((s) => s.key));
    for (const key of this.slots.keys()) {
      if (!keys.has(key)) {
        this.slots.delete(key);
      }
    }
    const taken = new Set(this.slots.values());
    let free = 0;
    for (const key of keys) {
      if (!this.slots.has(key)) {
        while (taken.has(free)) {
          free++;
        }
        this.slots.set(key, free);
        taken.add(free);
      }
    }
  }
}
