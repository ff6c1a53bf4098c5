import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { provideRecordingChannel } from '../../../testing/recording-channel';
import { RecordingLocation } from '../../../testing/recording-location';
import {
  ACME,
  adminSessionBody,
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { answerSession, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthSession, SIGNED_OUT_PATH } from './auth-session';

describe('AuthSession', () => {
  let session: AuthSession;
  let http: HttpTestingController;
  let location: RecordingLocation;
  const published: unknown[] = [];

  beforeEach(() => {
    published.length = 0;
    TestBed.configureTestingModule({
      providers: [provideTestApp(), provideRecordingChannel(published)],
    });
    session = TestBed.inject(AuthSession);
    http = TestBed.inject(HttpTestingController);
    location = TestBed.inject(RecordingLocation);
  });

  afterEach(() => http.verify());

  it('starts loading, with no user', () => {
    expect(session.status()).toBe('loading');
    expect(session.user()).toBeNull();
    expect(session.roles()).toEqual([]);
  });

  it('loading → authenticated: exposes the session as signals', async () => {
    const loaded = session.ensureLoaded();
    const request = http.expectOne('/auth/session?slide=false');
    expect(request.request.method).toBe('GET');
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush(adminSessionBody({ expiresAt: 1_767_323_045_000 }));

    await expect(loaded).resolves.toBe('authenticated');
    expect(session.isAuthenticated()).toBe(true);
    expect(session.user()?.email).toBe('ada@example.com');
    expect(session.organizationId()).toBe('org_01ACME');
    expect(session.role()).toBe('admin');
    expect(session.roles()).toEqual(['admin']);
    expect(session.permissions()).toEqual(['admin:read', 'widgets:read']);
    expect(session.expiresAt()?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(session.idleExpiresAt()).toBeInstanceOf(Date);
    expect(session.hasRole('admin')).toBe(true);
    expect(session.hasRole('member')).toBe(false);
    expect(session.hasPermission('admin:read')).toBe(true);
  });

  it('ensureLoaded asks the BFF only once', async () => {
    const first = session.ensureLoaded();
    const second = session.ensureLoaded();
    answerSession(http, { body: sessionBody() });
    await Promise.all([first, second]);
    expect(session.ensureLoaded()).toBe(first);
  });

  it('loading → anonymous on 401', async () => {
    const loaded = session.ensureLoaded();
    answerSession(http, { status: 401 });
    await expect(loaded).resolves.toBe('anonymous');
    expect(session.user()).toBeNull();
    expect(session.hasRole('admin')).toBe(false);
  });

  it('loading → expired when the BFF says session_expired', async () => {
    const loaded = session.ensureLoaded();
    answerSession(http, { status: 401, error: { error: 'session_expired' } });
    await expect(loaded).resolves.toBe('expired');
  });

  it.each([502, 503, 504, 500])(
    'loading → unavailable on %i, then recovers on retry',
    async (status) => {
      const loaded = session.ensureLoaded();
      answerSession(http, { status, error: { error: 'auth_unavailable', retryable: true } });
      await expect(loaded).resolves.toBe('unavailable');

      const retried = session.refresh({ slide: false });
      answerSession(http, { body: sessionBody() });
      await expect(retried).resolves.toBe('authenticated');
    },
  );

  it('loading → unavailable on a network error', async () => {
    const loaded = session.ensureLoaded();
    http.expectOne('/auth/session?slide=false').error(new ProgressEvent('error'));
    await expect(loaded).resolves.toBe('unavailable');
  });

  it('treats a malformed 200 as unavailable, never as signed in', async () => {
    const loaded = session.ensureLoaded();
    answerSession(http, { body: { hello: 'world' } });
    await expect(loaded).resolves.toBe('unavailable');
  });

  it('authenticated → expired when a later check answers 401, keeping who it was', async () => {
    await signInAs(sessionBody());
    const polled = session.refresh({ slide: false });
    answerSession(http, { status: 401 });
    await expect(polled).resolves.toBe('expired');
    expect(session.user()?.email).toBe('ada@example.com');
    expect(session.isAuthenticated()).toBe(false);
  });

  it('authenticated stays authenticated when a poll fails transiently', async () => {
    await signInAs(sessionBody());
    const polled = session.refresh({ slide: false });
    answerSession(http, { status: 503 });
    await expect(polled).resolves.toBe('authenticated');
  });

  it('expired → authenticated when a later check finds a new session', async () => {
    await signInAs(sessionBody());
    session.markExpired();
    expect(session.status()).toBe('expired');
    const checked = session.refresh({ slide: false });
    answerSession(http, { body: sessionBody() });
    await expect(checked).resolves.toBe('authenticated');
  });

  it('refresh() without options slides the idle timeout (no slide=false)', async () => {
    await signInAs(sessionBody());
    const later = Date.now() + 45 * 60_000;
    const refreshed = session.refresh();
    const request = http.expectOne((candidate) => candidate.url === '/auth/session');
    expect(request.request.params.has('slide')).toBe(false);
    request.flush(sessionBody({ idleExpiresAt: later }));
    await refreshed;
    expect(session.idleExpiresAt()?.getTime()).toBe(later);
  });

  it('exposes the organizations and the impersonator', async () => {
    await signInAs(
      multiOrganizationSessionBody(GLOBEX, {
        impersonator: { email: 'sam@example.com', reason: 'Ticket 42' },
      }),
    );
    expect(session.organization()).toEqual(GLOBEX);
    expect(session.organizations().map((organization) => organization.name)).toEqual([
      'Acme Corp',
      'Globex',
    ]);
    expect(session.impersonator()).toEqual({ email: 'sam@example.com', reason: 'Ticket 42' });
  });

  it('names organizations by id when it knows them', async () => {
    await signInAs(multiOrganizationSessionBody(ACME));
    expect(session.organizationName(ACME.id)).toBe('Acme Corp');
    expect(session.organizationName(GLOBEX.id)).toBe('Globex');
    expect(session.organizationName('org_UNKNOWN')).toBeNull();
    expect(session.organizationName(null)).toBeNull();
  });

  it('dataScope follows the organization and is undefined once signed out', async () => {
    await signInAs(multiOrganizationSessionBody(ACME));
    const first = session.dataScope();
    expect(first).toEqual({ organizationId: ACME.id });
    session.adopt(multiOrganizationSessionBody(ACME, { permissions: [] }));
    expect(session.dataScope()).toBe(first);
    session.adopt(multiOrganizationSessionBody(GLOBEX));
    expect(session.dataScope()).toEqual({ organizationId: GLOBEX.id });
    session.markSignedOut();
    expect(session.dataScope()).toBeUndefined();
  });

  it('adopt takes a session from another answer, and refuses a body that is not one', async () => {
    await signInAs(multiOrganizationSessionBody(ACME));
    expect(session.adopt({ error: 'nope' })).toBe(false);
    expect(session.organization()).toEqual(ACME);
    expect(session.adopt(multiOrganizationSessionBody(GLOBEX))).toBe(true);
    expect(session.organization()).toEqual(GLOBEX);
    expect(session.status()).toBe('authenticated');
  });

  it('markExpired only affects a live session', () => {
    session.markExpired();
    expect(session.status()).toBe('loading');
  });

  it('markSignedOut forgets the session', async () => {
    await signInAs(sessionBody());
    session.markSignedOut();
    expect(session.status()).toBe('anonymous');
    expect(session.user()).toBeNull();
  });

  it('signIn leaves for the BFF login with a safe returnTo', () => {
    session.signIn('/admin?tab=keys');
    session.signIn('//evil.example');
    location.path = '/profile';
    session.signIn();
    expect(location.assigned).toEqual([
      '/auth/login?returnTo=%2Fadmin%3Ftab%3Dkeys',
      '/auth/login?returnTo=%2F',
      '/auth/login?returnTo=%2Fprofile',
    ]);
  });

  it('signOut posts /auth/logout, tells other tabs, and goes to the WorkOS logout URL', async () => {
    await signInAs(sessionBody());
    const done = session.signOut();
    expect(session.signingOut()).toBe(true);
    const request = http.expectOne('/auth/logout');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush({ logoutUrl: 'https://auth.example.com/logout?session_id=s1' });
    await done;

    expect(published).toEqual([{ type: 'signed-out' }]);
    expect(session.status()).toBe('anonymous');
    expect(location.assigned).toEqual(['https://auth.example.com/logout?session_id=s1']);
  });

  it('signOut everywhere posts /auth/sessions/revoke-all, then leaves like a sign-out', async () => {
    await signInAs(sessionBody());
    const done = session.signOut({ everywhere: true });
    const request = http.expectOne('/auth/sessions/revoke-all');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush({
      bffSessionsEnded: 2,
      workosSessionsRevoked: 2,
      complete: true,
      logoutUrl: 'https://auth.example.com/logout?session_id=s1',
    });
    await done;

    http.expectNone('/auth/logout');
    expect(published).toEqual([{ type: 'signed-out' }]);
    expect(location.assigned).toEqual(['https://auth.example.com/logout?session_id=s1']);
  });

  it('signOut while a sign-out runs sends nothing more', async () => {
    await signInAs(sessionBody());
    const first = session.signOut();
    const second = session.signOut({ everywhere: true });
    http.expectOne('/auth/logout').flush({ logoutUrl: '/signed-out' });
    await Promise.all([first, second]);
    http.expectNone('/auth/sessions/revoke-all');
    expect(location.assigned).toEqual(['/signed-out']);
  });

  it('signOut still leaves (to the local signed-out page) when the BFF fails', async () => {
    await signInAs(sessionBody());
    const done = session.signOut();
    http
      .expectOne('/auth/logout')
      .flush({ error: 'x' }, { status: 503, statusText: 'Unavailable' });
    await done;
    expect(location.assigned).toEqual([SIGNED_OUT_PATH]);
    expect(session.status()).toBe('anonymous');
  });

  it('signOut refuses a non-http logout URL', async () => {
    await signInAs(sessionBody());
    const done = session.signOut();
    http.expectOne('/auth/logout').flush({ logoutUrl: 'javascript:alert(1)' });
    await done;
    expect(location.assigned).toEqual([SIGNED_OUT_PATH]);
  });
});
