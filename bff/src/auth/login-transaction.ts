import type { Request, Response } from 'express';

import type { Clock } from '../clock.js';
import type { BffConfig } from '../config/config.schema.js';
import { constantTimeEqual } from '../crypto/constant-time.js';
import type { Sealer } from '../crypto/seal.js';
import type { BffSessionStore } from '../session/session-store.types.js';
import { randomToken } from './pkce.js';

/** Lifetime of a login transaction (and its cookie). */
export const LOGIN_TRANSACTION_TTL_MS = 10 * 60_000;
/** How many consumed `state`s are remembered for replay detection. */
const MAX_REMEMBERED_STATES = 100_000;

/** What survives the round trip to WorkOS, sealed in a short-lived cookie (never in the store). */
export interface LoginTransaction {
  readonly state: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
  readonly createdAt: number;
}

function isTransaction(value: unknown): value is LoginTransaction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['state'] === 'string' &&
    typeof v['codeVerifier'] === 'string' &&
    typeof v['returnTo'] === 'string' &&
    typeof v['createdAt'] === 'number'
  );
}

/** Reads cookie `name` from the raw Cookie header (no cookie-parser needed for one value). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The login transaction: `state` (256 bits) and a PKCE verifier, sealed with iron into an HttpOnly,
 * `SameSite=Lax` cookie of 10 minutes. Lax (not Strict) because the callback is a top-level
 * cross-site navigation from WorkOS, on which a Strict cookie would not be sent. Anonymous visitors
 * therefore create no store rows. Consumed `state`s are remembered until they expire, so a replay
 * with a copied cookie fails too: in the shared store when it has `claimOnce` (Redis: `SET NX`
 * with the transaction's remaining lifetime, so the replay fails on every instance), else in this
 * process.
 */
export class LoginTransactions {
  private readonly consumed = new Map<string, number>();

  constructor(
    private readonly config: BffConfig,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    private readonly store?: Pick<BffSessionStore, 'claimOnce'>,
  ) {}

  /** Creates a transaction and sets its cookie. */
  async begin(res: Response, returnTo: string): Promise<LoginTransaction> {
    const tx: LoginTransaction = {
      state: randomToken(),
      codeVerifier: randomToken(),
      returnTo,
      createdAt: this.clock(),
    };
    const sealed = await this.sealer.seal(tx, LOGIN_TRANSACTION_TTL_MS);
    res.cookie(this.config.session.loginCookieName, sealed, {
      ...this.cookieAttributes(),
      maxAge: LOGIN_TRANSACTION_TTL_MS,
    });
    return tx;
  }

  /**
   * Reads, clears and validates the transaction against the callback's `state`. Returns undefined
   * for a missing, tampered, expired, replayed or mismatched transaction.
   */
  async consume(req: Request, res: Response, state: string): Promise<LoginTransaction | undefined> {
    const raw = readCookie(req, this.config.session.loginCookieName);
    if (raw !== undefined) this.clear(res);
    if (raw === undefined || raw.length > 4096) return undefined;
    const tx = await this.sealer.unseal<unknown>(raw);
    if (!isTransaction(tx)) return undefined;
    const now = this.clock();
    const until = tx.createdAt + LOGIN_TRANSACTION_TTL_MS;
    if (until < now || tx.createdAt > now + 60_000) return undefined;
    if (!constantTimeEqual(tx.state, state)) return undefined;
    return (await this.claim(tx.state, until, now)) ? tx : undefined;
  }

  /** True the first time `state` is claimed before `until` (across instances with a shared store). */
  private async claim(state: string, until: number, now: number): Promise<boolean> {
    if (this.store?.claimOnce) {
      return this.store.claimOnce('login-state', state, Math.max(1, until - now));
    }
    this.forgetExpired(now);
    if (this.consumed.has(state)) return false;
    this.consumed.set(state, until);
    // Bounded memory: past the cap the oldest entries go (their cookies expire within 10 min anyway).
    for (const oldest of this.consumed.keys()) {
      if (this.consumed.size <= MAX_REMEMBERED_STATES) break;
      this.consumed.delete(oldest);
    }
    return true;
  }

  /** Clears the transaction cookie (same attributes, so the browser drops it). */
  clear(res: Response): void {
    res.clearCookie(this.config.session.loginCookieName, this.cookieAttributes());
  }

  private cookieAttributes() {
    return {
      httpOnly: true,
      secure: this.config.session.secureCookies,
      sameSite: 'lax' as const,
      path: '/',
    };
  }

  private forgetExpired(now: number): void {
    for (const [state, until] of this.consumed) if (until <= now) this.consumed.delete(state);
  }
}
