const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 *
 * Hand-written on purpose: the pages are a few small templates, and a template engine would be a dependency (and an
 * attack surface) for five character replacements. Every value that reaches a page goes through this function.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => REPLACEMENTS[ch] ?? ch);
}
