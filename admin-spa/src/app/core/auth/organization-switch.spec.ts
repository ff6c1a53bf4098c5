import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { provideRecordingChannel } from '../../../testing/recording-channel';
import { RecordingLocation } from '../../../testing/recording-location';
import { GLOBEX, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthSession } from './auth-session';
import { OrganizationSwitch } from './organization-switch';

describe('OrganizationSwitch', () => {
  let http: HttpTestingController;
  let session: AuthSession;
  let switcher: OrganizationSwitch;
  let location: RecordingLocation;
  const published: unknown[] = [];

  beforeEach(async () => {
    published.length = 0;
    TestBed.configureTestingModule({
      providers: [provideTestApp(), provideRecordingChannel(published)],
    });
    http = TestBed.inject(HttpTestingController);
    location = TestBed.inject(RecordingLocation);
    session = await signInAs(multiOrganizationSessionBody());
    switcher = TestBed.inject(OrganizationSwitch);
  });

  afterEach(() => http.verify());

  it('posts the organization with the CSRF header and takes the new session', async () => {
    const done = switcher.switchTo(GLOBEX.id);
    expect(switcher.pending()).toBe(GLOBEX.id);
    const request = http.expectOne('/auth/organization');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ organizationId: GLOBEX.id });
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush(multiOrganizationSessionBody(GLOBEX));

    await expect(done).resolves.toEqual({ kind: 'switched' });
    expect(session.organization()?.name).toBe('Globex');
    expect(session.role()).toBe('admin');
    expect(switcher.pending()).toBeNull();
    expect(published).toEqual([{ type: 'organization-switched' }]);
  });

  it('sends one switch at a time', async () => {
    const first = switcher.switchTo(GLOBEX.id);
    await expect(switcher.switchTo(GLOBEX.id)).resolves.toEqual({ kind: 'busy' });
    http.expectOne('/auth/organization').flush(multiOrganizationSessionBody(GLOBEX));
    await first;
  });

  it('follows the sign-in URL when the organization needs a new sign-in (409)', async () => {
    const done = switcher.switchTo(GLOBEX.id);
    http.expectOne('/auth/organization').flush(
      {
        code: 'organization_reauthentication_required',
        message: 'Sign in again',
        signInUrl: '/auth/login?organizationId=org_01GLOBEX&returnTo=%2F',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await expect(done).resolves.toEqual({ kind: 'signing-in' });
    expect(location.assigned).toEqual(['/auth/login?organizationId=org_01GLOBEX&returnTo=%2F']);
    expect(switcher.pending()).toBe(GLOBEX.id);
    expect(session.organization()?.name).toBe('Acme Corp');
    expect(published).toEqual([]);
  });

  it('never follows a sign-in URL to another place: builds its own instead', async () => {
    location.path = '/members';
    const done = switcher.switchTo(GLOBEX.id);
    http
      .expectOne('/auth/organization')
      .flush(
        { code: 'organization_reauthentication_required', signInUrl: 'https://evil.example/' },
        { status: 409, statusText: 'Conflict' },
      );
    await done;
    expect(location.assigned).toEqual([
      '/auth/login?organizationId=org_01GLOBEX&returnTo=%2Fmembers',
    ]);
  });

  it('says why when the user is not a member, keeping the session as it was', async () => {
    const done = switcher.switchTo('org_OTHER');
    http
      .expectOne('/auth/organization')
      .flush(
        { code: 'organization_membership_not_found', message: 'You are not a member of it.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await expect(done).resolves.toEqual({ kind: 'failed', message: 'You are not a member of it.' });
    expect(session.organization()?.name).toBe('Acme Corp');
    expect(switcher.pending()).toBeNull();
  });

  it('marks the session expired on 401', async () => {
    const done = switcher.switchTo(GLOBEX.id);
    http
      .expectOne('/auth/organization')
      .flush({ error: 'session_expired' }, { status: 401, statusText: 'Unauthorized' });
    await expect(done).resolves.toMatchObject({ kind: 'failed' });
    expect(session.status()).toBe('expired');
  });

  it('refuses an answer that is not a session', async () => {
    const done = switcher.switchTo(GLOBEX.id);
    http.expectOne('/auth/organization').flush({ ok: true });
    await expect(done).resolves.toMatchObject({ kind: 'failed' });
    expect(session.organization()?.name).toBe('Acme Corp');
    expect(published).toEqual([]);
  });
});
