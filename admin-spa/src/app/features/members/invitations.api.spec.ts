import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideTestApp } from '../../../testing/test-providers';
import { InvitationsApi } from './invitations.api';

describe('InvitationsApi', () => {
  let api: InvitationsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    api = TestBed.inject(InvitationsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists a page of invitations', async () => {
    const page = { data: [], listMetadata: { before: null, after: null } };
    const answer = firstValueFrom(api.list({ before: 'invitation_9', limit: 10 }));
    http.expectOne('/api/invitations?before=invitation_9&limit=10').flush(page);
    await expect(answer).resolves.toEqual(page);
  });

  it('sends, resends and revokes with POST', async () => {
    const sent = firstValueFrom(api.send({ email: 'new@example.com', roleSlug: 'member' }));
    const send = http.expectOne('/api/invitations');
    expect(send.request.method).toBe('POST');
    expect(send.request.body).toEqual({ email: 'new@example.com', roleSlug: 'member' });
    send.flush({ id: 'invitation_1' });
    await sent;

    const resent = firstValueFrom(api.resend('invitation_1'));
    const resend = http.expectOne('/api/invitations/invitation_1/resend');
    expect(resend.request.method).toBe('POST');
    resend.flush({ id: 'invitation_1' });
    await resent;

    const revoked = firstValueFrom(api.revoke('invitation_1'));
    const revoke = http.expectOne('/api/invitations/invitation_1/revoke');
    expect(revoke.request.method).toBe('POST');
    revoke.flush({ id: 'invitation_1', state: 'revoked' });
    await expect(revoked).resolves.toMatchObject({ state: 'revoked' });
  });
});
