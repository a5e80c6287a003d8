/**
 * The start of every HTML page Callflow writes (the preview and rehearsal webviews, the exported trainee
 * page, its index and the role-player's script): the doctype, the Content-Security-Policy meta, the
 * title and the page's one inline style sheet. Each page builds its own policy; this only writes it.
 */
import { escapeXml } from './escape';

/** What goes into a page's `<head>`. */
export interface HtmlHeadOptions {
  /** The page's Content-Security-Policy, as the page built it (escaped here for the attribute). */
  csp: string;
  /** The page title, as text (escaped here). */
  title: string;
  /** The page's style sheet, written inline as it is (a policy by hash matches it to the byte). */
  style: string;
  /** The nonce that lets the style apply under a nonce policy; absent under a policy by hash. */
  nonce?: string;
  /** Adds `<meta name="referrer" content="no-referrer">` (pages that may be opened from a server). */
  noReferrer?: boolean;
}

/** `<!DOCTYPE html>`, `<html lang="en">` and the whole `<head>`, each line ending in a line break. */
export function htmlHead(o: HtmlHeadOptions): string {
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXml(o.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...(o.noReferrer ? ['<meta name="referrer" content="no-referrer">'] : []),
    `<title>${escapeXml(o.title)}</title>`,
    `<style${o.nonce === undefined ? '' : ` nonce="${escapeXml(o.nonce)}"`}>${o.style}</style>`,
    '</head>',
  ];
  return lines.join('\n') + '\n';
}

/**
 * Refuses a nonce too short or with characters that would need escaping: a nonce policy is only as
 * strong as its nonce. `page` names the builder in the error.
 */
export function checkNonce(nonce: string, page: string): void {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce))
    throw new Error(`${page}: the nonce must be 16+ base64/hex chars`);
}
