import type { Clock } from '../util/clock.js';
import { opaqueToken } from '../util/ids.js';

/** Lifetime of an authorization code (production: 10 minutes). */
export const CODE_TTL_MS = 10 * 60 * 1000;

/** What a code stands for. */
export interface AuthorizationGrant {
  clientId: string;
  redirectUri: string;
  userId: string;
  organizationId: string | null;
  authenticationMethod: string;
  codeChallenge: string | null;
  /** The browser that signed in, as the sign-in page saw it (used when the code exchange does not name it). */
  ipAddress: string | null;
  userAgent: string | null;
  /** Set for an impersonated sign-in. */
  impersonator: { email: string; reason: string | null } | null;
}

interface StoredCode extends AuthorizationGrant {
  expiresAt: number;
}

/** Single-use authorization codes, in memory (a restart in the middle of a sign-in loses them, as a timeout would). */
export class AuthorizationCodeStore {
  private readonly codes = new Map<string, StoredCode>();

  constructor(private readonly clock: Clock) {}

  issue(grant: AuthorizationGrant): string {
    this.sweep();
    const code = opaqueToken(24);
    this.codes.set(code, { ...grant, expiresAt: this.clock() + CODE_TTL_MS });
    return code;
  }

  /** The code's grant if it exists and has not expired (does not consume it). */
  peek(code: string): AuthorizationGrant | undefined {
    const stored = this.codes.get(code);
    if (stored === undefined) return undefined;
    if (stored.expiresAt <= this.clock()) {
      this.codes.delete(code);
      return undefined;
    }
    return stored;
  }

  /** Consumes a code; returns false if it was already consumed. */
  consume(code: string): boolean {
    return this.codes.delete(code);
  }

  clear(): void {
    this.codes.clear();
  }

  private sweep(): void {
    const now = this.clock();
    for (const [code, stored] of this.codes) if (stored.expiresAt <= now) this.codes.delete(code);
  }
}
