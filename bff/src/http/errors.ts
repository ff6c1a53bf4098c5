import type { Response } from 'express';

/** Every JSON error code the BFF answers with. */
export type BffErrorCode =
  | 'unauthenticated'
  | 'session_expired'
  | 'auth_unavailable'
  | 'csrf'
  | 'bad_signature'
  | 'bad_request'
  | 'bad_path'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'not_found'
  | 'internal';

/** Sends `{ error: code, ...extra }` with the status, uncacheable. Safe to call once headers went out (it then just ends). */
export function sendError(
  res: Response,
  status: number,
  code: BffErrorCode,
  extra: Record<string, unknown> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ error: code, ...extra });
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A minimal HTML error page for browser navigations (no script; fits the strict CSP). */
export function sendErrorPage(res: Response, status: number, title: string, detail: string): void {
  const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
        `<body><h1>${escape(title)}</h1><p>${escape(detail)}</p><p><a href="/">Back to Gatehouse</a></p></body></html>`,
    );
}
