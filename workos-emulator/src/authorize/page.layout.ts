import { escapeHtml } from './html-escape.js';

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f5f7; color: #1c1e21; }
  main { width: min(28rem, calc(100vw - 2rem)); background: #fff; border-radius: 12px; padding: 2rem;
         box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
  p.sub { margin: 0 0 1.25rem; color: #5f6368; }
  .banner { border-radius: 8px; padding: .6rem .8rem; margin: 0 0 1rem; font-size: .9rem; }
  .banner.error { background: #fdecea; color: #8a1c14; border: 1px solid #f5c2bd; }
  .banner.note { background: #fff8e1; color: #6b4e00; border: 1px solid #f3dd9a; }
  form { margin: 0; }
  .users { display: grid; gap: .5rem; margin-bottom: 1.25rem; }
  button { font: inherit; cursor: pointer; border-radius: 8px; padding: .6rem .9rem; border: 1px solid #d0d4da;
           background: #fff; text-align: left; width: 100%; }
  button:hover, button:focus-visible { border-color: #6363f1; outline: none; box-shadow: 0 0 0 3px rgba(99,99,241,.2); }
  button.primary { background: #6363f1; color: #fff; border-color: #6363f1; text-align: center; }
  button.link { border: none; background: none; color: #5f6368; text-align: center; }
  .hint { outline: 2px solid #6363f1; }
  label { display: block; font-size: .85rem; margin: .75rem 0 .25rem; color: #3c4043; }
  input, select { font: inherit; width: 100%; box-sizing: border-box; padding: .55rem .7rem; border: 1px solid #d0d4da; border-radius: 8px; }
  .divider { display: flex; align-items: center; gap: .75rem; color: #80868b; font-size: .8rem; margin: 1rem 0; }
  .divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid #e3e5e8; }
  .actions { margin-top: 1rem; display: grid; gap: .5rem; }
  footer { margin-top: 1.5rem; font-size: .75rem; color: #80868b; text-align: center; }
`;

/** Security headers for every HTML page: no scripts at all, no framing, no caching, no referrer. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Wraps already-escaped body HTML in the page shell. `title` is escaped here. */
export function layout(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${bodyHtml}
<footer>WorkOS emulator: a development and test tool, never for production.</footer>
</main>
</body>
</html>
`;
}

/** A simple page with a heading and a message (errors, signed out). */
export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p class="sub">${escapeHtml(message)}</p>`);
}
