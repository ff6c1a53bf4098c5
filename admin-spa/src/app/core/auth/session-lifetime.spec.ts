import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';

import {
  ACME,
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthSession } from './auth-session';
import {
  BROADCAST_CHANNEL_FACTORY,
  type BroadcastChannelLike,
  SESSION_CHANNEL_NAME,
} from './session-channel';
import { POLL_VISIBLE_MS, SessionLifetime, WARNING_WINDOW_MS } from './session-lifetime';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const testRoutes = [{ path: '**', component: TestPage }];
const POLL = '/auth/session?slide=false';

/** Lets promise callbacks (an answered request's continuation) run under fake timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('SessionLifetime (fake clock)', () => {
  let http: HttpTestingController;
  let session: AuthSession;
  let lifetime: SessionLifetime;
  let visibility: DocumentVisibilityState;

  async function start(overrides: Record<string, unknown>): Promise<void> {
    session = await signInAs(sessionBody(overrides));
    lifetime = TestBed.inject(SessionLifetime);
    lifetime.start();
  }

  function setVisibility(state: DocumentVisibilityState): void {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
    visibility = 'visible';
    jest.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    TestBed.configureTestingModule({ providers: [provideTestApp(testRoutes), SessionLifetime] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('polls /auth/session?slide=false every minute while the tab is visible', async () => {
    await start({});
    jest.advanceTimersByTime(POLL_VISIBLE_MS - 1000);
    http.expectNone(POLL);
    jest.advanceTimersByTime(1000);
    http.expectOne(POLL).flush(sessionBody());
    await settle();
    jest.advanceTimersByTime(POLL_VISIBLE_MS);
    http.expectOne(POLL).flush(sessionBody());
    http.verify();
  });

  it('backs off while hidden and checks at once when visible again', async () => {
    await start({});
    setVisibility('hidden');
    jest.advanceTimersByTime(POLL_VISIBLE_MS);
    http.expectNone(POLL);
    jest.advanceTimersByTime(60_000); // 2 minutes hidden
    http.expectOne(POLL).flush(sessionBody());
    await settle();
    jest.advanceTimersByTime(3 * 60_000);
    http.expectNone(POLL); // next one after 4 minutes
    jest.advanceTimersByTime(60_000);
    http.expectOne(POLL).flush(sessionBody());
    await settle();

    setVisibility('visible');
    http.expectOne(POLL).flush(sessionBody());
    http.verify();
  });

  it('stops polling once the session is gone', async () => {
    await start({});
    jest.advanceTimersByTime(POLL_VISIBLE_MS);
    http
      .expectOne(POLL)
      .flush({ error: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(session.status()).toBe('expired');
    jest.advanceTimersByTime(5 * POLL_VISIBLE_MS);
    http.expectNone(POLL);
  });

  it('warns two minutes before the idle expiry, re-checking with the BFF first', async () => {
    await start({ idleExpiresAt: Date.now() + 3 * 60_000 });
    expect(lifetime.warning()).toBeNull();

    jest.advanceTimersByTime(60_000 + 1000);
    // Inside the window: a non-sliding check (API calls may have moved the idle expiry).
    const check = http.match(POLL);
    expect(check.length).toBeGreaterThanOrEqual(1);
    check.forEach((request) =>
      request.flush(sessionBody({ idleExpiresAt: session.idleExpiresAt()?.getTime() })),
    );
    await settle();

    const warning = lifetime.warning();
    expect(warning?.kind).toBe('idle');
    expect(warning?.msLeft).toBeLessThanOrEqual(WARNING_WINDOW_MS);
    expect(warning?.msLeft).toBeGreaterThan(WARNING_WINDOW_MS - 2000);
  });

  it('"Stay signed in" slides the session and clears the warning', async () => {
    await start({ idleExpiresAt: Date.now() + 90_000 });
    jest.advanceTimersByTime(1000);
    http
      .match(POLL)
      .forEach((request) =>
        request.flush(sessionBody({ idleExpiresAt: session.idleExpiresAt()?.getTime() })),
      );
    await settle();
    expect(lifetime.warning()?.kind).toBe('idle');

    const staying = lifetime.staySignedIn();
    expect(lifetime.extending()).toBe(true);
    const slide = http.expectOne('/auth/session');
    expect(slide.request.params.has('slide')).toBe(false);
    slide.flush(sessionBody({ idleExpiresAt: Date.now() + 30 * 60_000 }));
    await staying;
    expect(lifetime.extending()).toBe(false);
    expect(lifetime.warning()).toBeNull();
  });

  it('warns about the absolute expiry, which "Stay signed in" cannot move', async () => {
    await start({ expiresAt: Date.now() + 100_000, idleExpiresAt: Date.now() + 30 * 60_000 });
    jest.advanceTimersByTime(1000);
    http.match(POLL).forEach((request) =>
      request.flush(
        sessionBody({
          expiresAt: session.expiresAt()?.toISOString(),
          idleExpiresAt: session.idleExpiresAt()?.getTime(),
        }),
      ),
    );
    await settle();
    expect(lifetime.warning()).toMatchObject({ kind: 'absolute' });
  });

  it("uses the BFF's clock (Date header) when the browser's is off", async () => {
    // The browser is 10 minutes behind: by the server's clock only 100 s of idle time are left.
    const loaded = TestBed.inject(AuthSession).ensureLoaded();
    http.expectOne(POLL).flush(sessionBody({ idleExpiresAt: Date.now() + 10 * 60_000 + 100_000 }), {
      headers: { Date: new Date(Date.now() + 10 * 60_000).toUTCString() },
    });
    await loaded;
    session = TestBed.inject(AuthSession);
    expect(session.clockOffsetMs()).toBe(10 * 60_000);
    lifetime = TestBed.inject(SessionLifetime);
    expect(lifetime.warning()).toMatchObject({ kind: 'idle' });
    expect(lifetime.warning()?.msLeft).toBe(100_000);
  });

  it('at the expiry asks the BFF and becomes expired on 401', async () => {
    await start({ idleExpiresAt: Date.now() + 10_000 });
    jest.advanceTimersByTime(1000);
    http
      .match(POLL)
      .forEach((request) =>
        request.flush(sessionBody({ idleExpiresAt: session.idleExpiresAt()?.getTime() })),
      );
    await settle();
    jest.advanceTimersByTime(10_000);
    http
      .expectOne(POLL)
      .flush({ error: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(session.status()).toBe('expired');
    expect(lifetime.warning()).toBeNull();
  });
});

describe('SessionLifetime across tabs (a real BroadcastChannel)', () => {
  let other: NodeBroadcastChannel;
  let http: HttpTestingController;

  beforeEach(() => {
    other = new NodeBroadcastChannel(SESSION_CHANNEL_NAME);
    TestBed.configureTestingModule({
      providers: [
        provideTestApp(testRoutes),
        SessionLifetime,
        {
          provide: BROADCAST_CHANNEL_FACTORY,
          useValue: (name: string) =>
            new NodeBroadcastChannel(name) as unknown as BroadcastChannelLike,
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.resetTestingModule(); // closes the app's channel
    other.close();
  });

  async function until(condition: () => boolean): Promise<void> {
    let met = condition();
    for (let i = 0; i < 200 && !met; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      met = condition();
    }
    expect(met).toBe(true);
  }

  it('signing out in another tab signs this tab out', async () => {
    const session = await signInAs(sessionBody());
    TestBed.inject(SessionLifetime).start();
    other.postMessage({ type: 'signed-out' });

    await until(() => session.status() === 'anonymous');
    await until(() => TestBed.inject(Router).url === '/signed-out?reason=signed-out');
  });

  it('signing out here tells the other tabs', async () => {
    const received: unknown[] = [];
    other.onmessage = (event) => received.push((event as { data: unknown }).data);
    const session = await signInAs(sessionBody());
    const done = session.signOut();
    http.expectOne('/auth/logout').flush({ logoutUrl: 'https://auth.example.com/logout' });
    await done;
    await until(() => received.length > 0);
    expect(received).toContainEqual({ type: 'signed-out' });
  });

  it('an expired tab picks up a sign-in made in another tab', async () => {
    const session = await signInAs(sessionBody());
    TestBed.inject(SessionLifetime).start();
    session.markExpired();
    other.postMessage({ type: 'signed-in' });
    await until(() => {
      const checks = http.match(POLL);
      checks.forEach((request) => request.flush(sessionBody()));
      return checks.length > 0;
    });
    await until(() => session.status() === 'authenticated');
  });

  it('an organization switch in another tab makes this tab load the new session', async () => {
    const session = await signInAs(multiOrganizationSessionBody(ACME));
    TestBed.inject(SessionLifetime).start();
    other.postMessage({ type: 'organization-switched' });
    await until(() => {
      const checks = http.match(POLL);
      checks.forEach((request) => request.flush(multiOrganizationSessionBody(GLOBEX)));
      return checks.length > 0;
    });
    await until(() => session.organization()?.id === GLOBEX.id);
  });

  it('ignores malformed messages', async () => {
    const session = await signInAs(sessionBody());
    TestBed.inject(SessionLifetime).start();
    other.postMessage({ type: 'delete-everything' });
    other.postMessage('signed-out');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.status()).toBe('authenticated');
  });
});
