/** Which WorkOS the stack talks to: the embedded emulator, or a real WorkOS environment. */
export type IdentityProvider =
  | { kind: 'emulator' }
  | {
      kind: 'workos';
      clientId: string;
      apiKey: string;
      apiBaseUrl: string;
      cookiePassword?: string;
    };

/** Raised when the environment names a real WorkOS environment only partly. */
export class IdentityProviderConfigError extends Error {
  readonly code = 'identity_provider_config';
}

const DEFAULT_API_BASE_URL = 'https://api.workos.com';

/**
 * Real WorkOS is used when both `WORKOS_CLIENT_ID` and `WORKOS_API_KEY` are set; with neither, the
 * embedded emulator. One without the other is a mistake worth stopping for.
 */
export function resolveIdentityProvider(env: NodeJS.ProcessEnv): IdentityProvider {
  const clientId = env.WORKOS_CLIENT_ID?.trim();
  const apiKey = env.WORKOS_API_KEY?.trim();
  if (!clientId && !apiKey) return { kind: 'emulator' };
  if (!clientId || !apiKey) {
    const missing = clientId ? 'WORKOS_API_KEY' : 'WORKOS_CLIENT_ID';
    throw new IdentityProviderConfigError(
      `${missing} is not set: set both WORKOS_CLIENT_ID and WORKOS_API_KEY to use real WorkOS, or neither to use the embedded emulator`,
    );
  }
  const apiBaseUrl = env.WORKOS_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL;
  try {
    new URL(apiBaseUrl);
  } catch {
    throw new IdentityProviderConfigError(`WORKOS_API_BASE_URL is not a URL: ${apiBaseUrl}`);
  }
  const cookiePassword = env.WORKOS_COOKIE_PASSWORD?.trim();
  return {
    kind: 'workos',
    clientId,
    apiKey,
    apiBaseUrl,
    ...(cookiePassword ? { cookiePassword } : {}),
  };
}
