import type { AuthErrorCode } from './auth-error.js';

/** Internal: a token was rejected for a known reason (mapped to a 401 by the guard). */
export class TokenRejection extends Error {
  override readonly name = 'TokenRejection';
  constructor(readonly code: AuthErrorCode) {
    super(code);
  }
}

/** Internal: no key can be used because the JWKS is unreachable (mapped to a 503). */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
  constructor() {
    super('keys unavailable');
  }
}
