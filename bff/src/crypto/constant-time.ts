import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time that depends only on their length (`crypto.timingSafeEqual` over
 * their UTF-8 bytes), so a secret such as the login `state` cannot be guessed byte by byte.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
