import type { BffConfig } from '../config/config.schema.js';

/**
 * `Clear-Site-Data` of a sign-out: storage only. `"cookies"` would wipe every cookie of the
 * registrable domain, those of other apps on sibling subdomains too; the BFF clears its own
 * cookie by name (`destroySession`).
 */
export const SIGN_OUT_CLEAR_SITE_DATA = '"storage"';

/** Where a signed-out browser lands: `PUBLIC_URL/signed-out`. */
export function signedOutUrl(config: BffConfig): string {
  return `${config.publicOrigin}/signed-out`;
}
