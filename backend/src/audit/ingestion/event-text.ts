import { isIP } from 'node:net';

/** Longest text kept from an event (a user agent, an email, an error message). */
const MAX_TEXT = 512;

/**
 * Printable characters only, at most `max`: text from WorkOS never forges a CSV or log line.
 * Null for a missing or empty value.
 */
export function cleanText(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  let kept = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) kept += char;
    if (kept.length >= max) break;
  }
  return kept === '' ? null : kept;
}

/** The value when it is an IP address, else null. */
export function ipAddress(value: unknown): string | null {
  return typeof value === 'string' && isIP(value) !== 0 ? value : null;
}
