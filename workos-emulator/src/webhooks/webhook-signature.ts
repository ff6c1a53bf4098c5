import { createHmac } from 'node:crypto';

/**
 * The `WorkOS-Signature` header WorkOS sends with a webhook: `t=<ms since epoch>, v1=<hex>`,
 * where `v1` is HMAC-SHA256 of `"<t>.<raw body>"` keyed with the endpoint's secret (what the SDK's
 * `webhooks.constructEvent` / `verifyHeader` check).
 */
export function signWebhook(body: string, secret: string, timestampMs: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
  return `t=${timestampMs}, v1=${v1}`;
}
