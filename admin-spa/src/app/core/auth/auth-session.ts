import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Service, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { BrowserLocation } from '../browser/browser-location';
import { safeLogoutUrl, signInUrl } from './bff-paths';
import { SessionChannel } from './session-channel';
import { parseSessionInfo, type SessionInfo } from './session-info';

/**
 * - `loading`: the first `GET /auth/session` has not answered yet.
 * - `anonymous`: no session (never signed in, or signed out).
 * - `authenticated`: a live session.
 * - `expired`: there was a session and the BFF no longer accepts it.
 * - `unavailable`: the first check failed (BFF down, 5xx, network); "try again" retries it.
 */
export type SessionStatus = 'loading' | 'anonymous' | 'authenticated' | 'expired' | 'unavailable';

interface SessionState {
  readonly status: SessionStatus;
  /** The last known session; kept while `expired` so the UI can still say who was signed in. */
  readonly info: SessionInfo | null;
}

/** Where the SPA lands after a sign-out when the BFF gave no WorkOS logout URL. */
export const SIGNED_OUT_PATH = '/signed-out?reason=signed-out';

/**
 * The browser's view of its BFF session, as signals. It holds no token: only what
 * `GET /auth/session` returns. Sign-in and sign-out are full-page navigations through the BFF.
 */
@Service()
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly location = inject(BrowserLocation);
  private readonly channel = inject(SessionChannel);
  private readonly state = signal<SessionState>({ status: 'loading', info: null });
  private firstLoad: Promise<SessionStatus> | null = null;

  readonly status = computed(() => this.state().status);
  readonly info = computed(() => this.state().info);
  readonly isAuthenticated = computed(() => this.status() === 'authenticated');
  readonly user = computed(() => this.info()?.user ?? null);
  readonly organizationId = computed(() => this.info()?.organizationId ?? null);
  /** The current organization (with its name), when the BFF sends it. */
  readonly organization = computed(() => this.info()?.organization ?? null);
  /** Every organization the user belongs to (empty from a BFF that does not list them). */
  readonly organizations = computed(() => this.info()?.organizations ?? []);
  /** Who is impersonating the signed-in user, if anyone. */
  readonly impersonator = computed(() => this.info()?.impersonator ?? null);
  readonly role = computed(() => this.info()?.role ?? null);
  readonly roles = computed(() => this.info()?.roles ?? []);
  readonly permissions = computed(() => this.info()?.permissions ?? []);
  readonly expiresAt = computed(() => this.info()?.expiresAt ?? null);
  readonly idleExpiresAt = computed(() => this.info()?.idleExpiresAt ?? null);
  /**
   * What pages key their data requests on: the current organization, so they load again after a
   * switch; undefined once signed out, so nothing is requested while the browser leaves.
   */
  readonly dataScope = computed<{ readonly organizationId: string | null } | undefined>(
    () => (this.status() === 'anonymous' ? undefined : { organizationId: this.organizationId() }),
    {
      equal: (a, b) =>
        a?.organizationId === b?.organizationId && (a === undefined) === (b === undefined),
    },
  );
  /** True between "Sign out" and leaving the page. */
  readonly signingOut = signal(false);
  /**
   * How far the BFF's clock is ahead of this browser's (ms), from the `Date` header of the last
   * session answer. Expiry times come from the server, so countdowns use server time.
   */
  readonly clockOffsetMs = signal(0);

  /** The current time on the BFF's clock, as epoch ms. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs();
  }

  /** The name of one of the user's organizations by id, or null when the session does not know it. */
  organizationName(id: string | null | undefined): string | null {
    if (!id) return null;
    const current = this.organization();
    if (current?.id === id) return current.name;
    return this.organizations().find((organization) => organization.id === id)?.name ?? null;
  }

  /** Whether the current session has `role` (as its role or among its roles). */
  hasRole(role: string): boolean {
    return this.isAuthenticated() && (this.role() === role || this.roles().includes(role));
  }

  /** Whether the current session has `permission`. */
  hasPermission(permission: string): boolean {
    return this.isAuthenticated() && this.permissions().includes(permission);
  }

  /** Loads the session once (the guards await it); later calls share the first answer. */
  ensureLoaded(): Promise<SessionStatus> {
    this.firstLoad ??= this.refresh({ slide: false });
    return this.firstLoad;
  }

  /**
   * Asks the BFF for the session. `slide: false` is for polling: it does not extend the idle
   * timeout. A 401 means anonymous, or expired when a session was known; a failure to answer keeps
   * a known session (the next poll retries) and is `unavailable` only when nothing is known yet.
   */
  async refresh(options: { slide?: boolean } = {}): Promise<SessionStatus> {
    const params: Record<string, string> = options.slide === false ? { slide: 'false' } : {};
    try {
      const response = await firstValueFrom(
        this.http.get<unknown>('/auth/session', { params, observe: 'response' }),
      );
      const info = parseSessionInfo(response.body);
      if (info === null) throw new Error('GET /auth/session returned no session');
      this.noteServerTime(response.headers.get('Date'));
      this.state.set({ status: 'authenticated', info });
    } catch (error) {
      const previous = this.state();
      if (error instanceof HttpErrorResponse && error.status === 401) {
        const hadSession = previous.status === 'authenticated' || previous.status === 'expired';
        const body: unknown = error.error;
        const saysExpired =
          typeof body === 'object' &&
          body !== null &&
          'error' in body &&
          body.error === 'session_expired';
        this.state.set(
          hadSession || saysExpired
            ? { status: 'expired', info: previous.info }
            : { status: 'anonymous', info: null },
        );
      } else if (previous.status === 'loading' || previous.status === 'unavailable') {
        this.state.set({ status: 'unavailable', info: null });
      }
    }
    return this.status();
  }

  /**
   * Takes a session the BFF returned from another call (an organization switch answers with the
   * new session). Returns false, changing nothing, when `body` is not a session.
   */
  adopt(body: unknown): boolean {
    const info = parseSessionInfo(body);
    if (info === null) return false;
    this.state.set({ status: 'authenticated', info });
    return true;
  }

  private noteServerTime(dateHeader: string | null): void {
    const serverTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    // The header has one-second resolution: ignore offsets that small.
    const offset = Number.isFinite(serverTime) ? serverTime - Date.now() : 0;
    this.clockOffsetMs.set(Math.abs(offset) > 2000 ? offset : 0);
  }

  /** The BFF answered 401 to an API call: the session is gone. */
  markExpired(): void {
    if (this.status() === 'authenticated') {
      this.state.update((state) => ({ status: 'expired', info: state.info }));
    }
  }

  /** Another tab signed out: this one is signed out too. */
  markSignedOut(): void {
    this.state.set({ status: 'anonymous', info: null });
  }

  /** Leaves for the BFF's sign-in, which comes back to `returnTo` (default: the current page). */
  signIn(returnTo: string = this.location.currentPath()): void {
    this.location.assign(signInUrl(returnTo));
  }

  /**
   * Ends the session at the BFF, tells the other tabs, then sends the browser to the WorkOS logout
   * URL so the WorkOS session ends too (it returns to `/signed-out`). If the BFF cannot answer the
   * browser still leaves, to the local signed-out page. With `everywhere`, the BFF ends every
   * session of the user, on every device, and each WorkOS session behind them.
   */
  async signOut(options: { everywhere?: boolean } = {}): Promise<void> {
    // A second click while the first sign-out runs sends nothing more.
    if (this.signingOut()) return;
    this.signingOut.set(true);
    let destination: string | null = null;
    const endpoint = options.everywhere ? '/auth/sessions/revoke-all' : '/auth/logout';
    try {
      const body = await firstValueFrom(this.http.post<unknown>(endpoint, null));
      const logoutUrl =
        typeof body === 'object' && body !== null && 'logoutUrl' in body ? body.logoutUrl : null;
      destination = safeLogoutUrl(logoutUrl, this.location.origin);
    } catch {
      // Already signed out, expired, or the BFF is down: leaving locally is still right.
    }
    this.channel.publish({ type: 'signed-out' });
    this.state.set({ status: 'anonymous', info: null });
    this.location.assign(destination ?? SIGNED_OUT_PATH);
  }
}
