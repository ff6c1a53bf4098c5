import type { Directory } from '../seed/directory.js';
import type { SeedClient } from '../seed/seed.types.js';
import { OAuthError } from '../http/errors.js';
import { safeEqual } from '../util/hash.js';

/**
 * Resolves `client_id` to a seeded client and checks `client_secret` when one is sent (a wrong secret is always
 * `invalid_client`, even if PKCE would otherwise suffice). Returns whether a valid secret was presented.
 */
export function authenticateClient(
  directory: Directory,
  clientId: string | undefined,
  clientSecret: string | undefined,
): { client: SeedClient; secretVerified: boolean } {
  if (clientId === undefined) throw new OAuthError('invalid_request', 'client_id is required.');
  const client = directory.client(clientId);
  if (client === undefined) throw new OAuthError('invalid_client', 'Invalid client ID.');
  if (clientSecret === undefined) return { client, secretVerified: false };
  if (!safeEqual(clientSecret, client.apiKey))
    throw new OAuthError('invalid_client', 'Invalid client secret.');
  return { client, secretVerified: true };
}
