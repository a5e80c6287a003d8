/**
 * Resolves the page's `--cf-*` CSS variables (VS Code theme colours with fallbacks, see `styles.ts`)
 * into a concrete `PreviewTheme`, and watches for theme switches.
 */
import { LIGHT_THEME, type PreviewTheme } from '../../../server/src/shared/theme';

const VARS: Record<Exclude<keyof PreviewTheme, 'highContrast' | 'fontFamily'>, string> = {
  background: '--cf-bg',
  foreground: '--cf-fg',
  muted: '--cf-muted',
  nodeFill: '--cf-node',
  nodeBorder: '--cf-border',
  edge: '--cf-edge',
  labelFill: '--cf-bg',
  caller: '--cf-caller',
  handler: '--cf-handler',
  action: '--cf-action',
  choice: '--cf-choice',
  timer: '--cf-timer',
  end: '--cf-end',
  pass: '--cf-pass',
  acceptable: '--cf-acceptable',
  fail: '--cf-fail',
  critical: '--cf-critical',
  error: '--cf-error',
  warning: '--cf-warning',
  info: '--cf-info',
  focus: '--cf-focus',
  highlight: '--cf-highlight',
};

/** Reads the current theme from computed styles. */
export function readTheme(): PreviewTheme {
  const style = getComputedStyle(document.body);
  const theme: PreviewTheme = { ...LIGHT_THEME };
  for (const [key, name] of Object.entries(VARS) as [keyof typeof VARS, string][]) {
    const value = style.getPropertyValue(name).trim();
    if (value) theme[key] = value;
  }
  theme.fontFamily = style.getPropertyValue('--cf-font').trim() || LIGHT_THEME.fontFamily;
  theme.highContrast = /\bvscode-high-contrast\b/.test(document.body.className);
  return theme;
}

/** Calls `onChange` when VS Code switches theme (body class or the injected variables change). */
export function watchTheme(onChange: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
