/**
 * Colours of the call-flow drawing. The webview fills a `PreviewTheme` from VS Code's CSS variables; the
 * CLI export picks one of the built-in palettes. Every value is a concrete CSS colour, so an exported SVG
 * stands on its own.
 */

/** Concrete colours (and the font) the SVG builder draws with. */
export interface PreviewTheme {
  background: string;
  foreground: string;
  /** Secondary text: kind labels, edge labels, ids. */
  muted: string;
  /** Box fill behind step text. */
  nodeFill: string;
  nodeBorder: string;
  edge: string;
  /** Background behind edge labels, usually the canvas background. */
  labelFill: string;
  caller: string;
  handler: string;
  action: string;
  choice: string;
  timer: string;
  end: string;
  pass: string;
  acceptable: string;
  fail: string;
  critical: string;
  error: string;
  warning: string;
  info: string;
  /** Selection and keyboard focus ring. */
  focus: string;
  /** Path-to-here and search-match accent. */
  highlight: string;
  fontFamily: string;
  /** Thicker borders for high-contrast themes. */
  highContrast: boolean;
}

const FONT =
  "'Segoe UI', -apple-system, BlinkMacSystemFont, Ubuntu, 'DejaVu Sans', Helvetica, Arial, sans-serif";

/** A light palette (VS Code "Light Modern"-like). */
export const LIGHT_THEME: PreviewTheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  muted: '#59636e',
  nodeFill: '#f6f8fa',
  nodeBorder: '#c8d1da',
  edge: '#6e7781',
  labelFill: '#ffffff',
  caller: '#0969da',
  handler: '#1a7f37',
  action: '#bc4c00',
  choice: '#8250df',
  timer: '#9a6700',
  end: '#57606a',
  pass: '#1a7f37',
  acceptable: '#9a6700',
  fail: '#cf222e',
  critical: '#a40e26',
  error: '#cf222e',
  warning: '#bf8700',
  info: '#0969da',
  focus: '#0969da',
  highlight: '#e36209',
  fontFamily: FONT,
  highContrast: false,
};

/** A dark palette (VS Code "Dark Modern"-like). */
export const DARK_THEME: PreviewTheme = {
  background: '#1f1f1f',
  foreground: '#e6edf3',
  muted: '#9198a1',
  nodeFill: '#262a30',
  nodeBorder: '#3d444d',
  edge: '#8b949e',
  labelFill: '#1f1f1f',
  caller: '#4493f8',
  handler: '#3fb950',
  action: '#f0883e',
  choice: '#ab7df8',
  timer: '#d29922',
  end: '#9198a1',
  pass: '#3fb950',
  acceptable: '#d29922',
  fail: '#f85149',
  critical: '#ff7b72',
  error: '#f85149',
  warning: '#d29922',
  info: '#4493f8',
  focus: '#4493f8',
  highlight: '#ffa657',
  fontFamily: FONT,
  highContrast: false,
};

/** Colour of an end result, or the neutral end colour for an unknown result. */
export function resultColor(theme: PreviewTheme, result: string | undefined): string {
  switch (result) {
    case 'pass':
      return theme.pass;
    case 'acceptable':
      return theme.acceptable;
    case 'fail':
      return theme.fail;
    case 'critical-failure':
      return theme.critical;
    default:
      return theme.end;
  }
}
