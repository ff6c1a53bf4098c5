import { Inject, Injectable } from '@nestjs/common';
import { AppLogger } from '../logging/app-logger.js';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { CLOCK, type Clock } from '../clock.js';

/** At most one warning of each kind per this many milliseconds, so a token flood cannot flood the log. */
const WARN_INTERVAL_MS = 60_000;

/** Keeps attacker-controlled text out of logs except for a short, harmless excerpt. */
function excerpt(value: string): string {
  return value.replace(/[^A-Za-z0-9._:/-]/g, '?').slice(0, 96);
}

/**
 * Explains the most common production 401 storm: the BFF and the backend using different
 * `WORKOS_CLIENT_ID`s (the seed design calls the matching ids "the load-bearing piece").
 */
@Injectable()
export class ClientIdDriftWarner {
  private readonly lastWarnedAt = new Map<'issuer' | 'kid', number>();

  constructor(
    @Inject(BACKEND_CONFIG) private readonly config: BackendConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: AppLogger,
  ) {}

  /** A token carried an `iss` this backend does not accept. */
  issuerMismatch(tokenIssuer: unknown): void {
    if (typeof tokenIssuer !== 'string') return;
    const other = /\/user_management\/([^/?#]+)\/?$/.exec(tokenIssuer)?.[1];
    if (other === undefined || other === this.config.workosClientId) return;
    this.warn(
      'issuer',
      `Rejected a token issued for WorkOS client "${excerpt(other)}", but this backend expects ` +
        `WORKOS_CLIENT_ID="${this.config.workosClientId}". The BFF must use the same WORKOS_CLIENT_ID, ` +
        'otherwise every request is a 401.',
    );
  }

  /** A token's `kid` is still unknown after refetching this client's JWKS. */
  unknownKid(kid: string): void {
    this.warn(
      'kid',
      `Rejected a token whose key id "${excerpt(kid)}" is not in the JWKS of WORKOS_CLIENT_ID=` +
        `"${this.config.workosClientId}" (${this.config.jwksUrl}). If the BFF uses another ` +
        'WORKOS_CLIENT_ID, every request is a 401: both must use the same one.',
    );
  }

  private warn(kind: 'issuer' | 'kid', message: string): void {
    const now = this.clock();
    const last = this.lastWarnedAt.get(kind);
    if (last !== undefined && now - last < WARN_INTERVAL_MS) return;
    this.lastWarnedAt.set(kind, now);
    this.logger.warn(message, 'ClientIdDrift');
  }
}
