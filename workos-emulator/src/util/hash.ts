import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a UTF-8 string, base64url. Refresh tokens are stored only as this hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** Constant-time string comparison (compares hashes so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
