import { computed, DestroyRef, DOCUMENT, inject, Service, signal } from '@angular/core';
import { Router } from '@angular/router';

import { ServiceStatus } from '../service-status/service-status';
import { AuthSession } from './auth-session';
import { SessionChannel } from './session-channel';

/** How long before the idle or absolute expiry the "Stay signed in" warning appears. */
export const WARNING_WINDOW_MS = 2 * 60_000;
/** Poll interval while the tab is visible. */
export const POLL_VISIBLE_MS = 60_000;
/** First poll interval while hidden; it doubles up to `POLL_HIDDEN_MAX_MS`. */
export const POLL_HIDDEN_MIN_MS = 2 * 60_000;
/** Longest poll interval while hidden. */
export const POLL_HIDDEN_MAX_MS = 15 * 60_000;

/** The expiry the warning is about: `idle` can be extended, `absolute` cannot. */
export interface ExpiryWarning {
  readonly kind: 'idle' | 'absolute';
  readonly at: Date;
  readonly msLeft: number;
}

/**
 * Keeps the tab's idea of the session honest while the app is open: polls
 * `/auth/session?slide=false` (often while visible, backing off while hidden), warns before the
 * idle or absolute expiry, notices expiry, and follows sign-outs, sign-ins and organization
 * switches in other tabs.
 * Provided by the signed-in shell; it stops when the shell goes away.
 */
@Service({ autoProvided: false })
export class SessionLifetime {
  private readonly session = inject(AuthSession);
  private readonly channel = inject(SessionChannel);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly serviceStatus = inject(ServiceStatus);
  /** This browser's clock, ticking every second while started. */
  private readonly now = signal(Date.now());
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private hiddenDelay = POLL_HIDDEN_MIN_MS;
  private lastCheckpoint: string | null = null;
  private started = false;

  /** The coming expiry when it is within `WARNING_WINDOW_MS`, else null. */
  readonly warning = computed<ExpiryWarning | null>(() => {
    if (this.session.status() !== 'authenticated') return null;
    const candidates: { kind: ExpiryWarning['kind']; at: Date }[] = [];
    const idle = this.session.idleExpiresAt();
    const absolute = this.session.expiresAt();
    if (idle) candidates.push({ kind: 'idle', at: idle });
    if (absolute) candidates.push({ kind: 'absolute', at: absolute });
    const next = candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!next) return null;
    // Expiry times are the BFF's: compare them with the BFF's clock.
    const msLeft = next.at.getTime() - (this.now() + this.session.clockOffsetMs());
    return msLeft <= WARNING_WINDOW_MS ? { ...next, msLeft: Math.max(0, msLeft) } : null;
  });

  /** True while a "Stay signed in" request is in flight. */
  readonly extending = signal(false);

  private readonly destroyRef = inject(DestroyRef);

  /** Starts polling, the expiry clock and the cross-tab listener (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const onVisibility = (): void => this.onVisibilityChange();
    this.document.addEventListener('visibilitychange', onVisibility);
    const stopListening = this.channel.listen((message) => {
      if (message.type === 'signed-out') {
        this.session.markSignedOut();
        void this.router.navigateByUrl('/signed-out?reason=signed-out');
      } else if (
        message.type === 'organization-switched' ||
        this.session.status() !== 'authenticated'
      ) {
        void this.session.refresh({ slide: false });
      }
    });
    this.serviceStatus.onRetry(() => void this.session.refresh({ slide: false }), this.destroyRef);
    // Tabs that showed "session expired" pick up a new sign-in made here.
    if (this.session.isAuthenticated()) this.channel.publish({ type: 'signed-in' });
    this.tickTimer = setInterval(() => this.tick(), 1000);
    this.schedulePoll();
    this.destroyRef.onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisibility);
      stopListening();
      clearInterval(this.tickTimer);
      clearTimeout(this.pollTimer);
    });
  }

  /** "Stay signed in": a sliding `GET /auth/session` that moves the idle expiry forward. */
  async staySignedIn(): Promise<void> {
    this.extending.set(true);
    try {
      await this.session.refresh();
    } finally {
      this.extending.set(false);
      this.now.set(Date.now());
    }
  }

  private isVisible(): boolean {
    return this.document.visibilityState !== 'hidden';
  }

  private tick(): void {
    this.now.set(Date.now());
    const warning = this.warning();
    // Before warning (and again at expiry) ask the BFF: API calls may have slid the idle expiry,
    // and only the BFF can say the session is over.
    if (!warning) return;
    const checkpoint = `${warning.at.getTime()}:${warning.msLeft === 0 ? 'due' : 'near'}`;
    if (checkpoint !== this.lastCheckpoint) {
      this.lastCheckpoint = checkpoint;
      void this.session.refresh({ slide: false });
    }
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    const delay = this.isVisible() ? POLL_VISIBLE_MS : this.hiddenDelay;
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    if (!this.isVisible()) {
      this.hiddenDelay = Math.min(this.hiddenDelay * 2, POLL_HIDDEN_MAX_MS);
    }
    if (this.session.status() === 'authenticated') {
      await this.session.refresh({ slide: false });
    }
    this.schedulePoll();
  }

  private onVisibilityChange(): void {
    if (this.isVisible()) {
      this.hiddenDelay = POLL_HIDDEN_MIN_MS;
      this.now.set(Date.now());
      void this.poll();
    } else {
      this.schedulePoll();
    }
  }
}
