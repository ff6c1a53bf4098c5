import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideTestApp } from '../../../testing/test-providers';
import { SessionsApi } from './sessions.api';

describe('SessionsApi', () => {
  let api: SessionsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    api = TestBed.inject(SessionsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists and revokes my sessions', async () => {
    const mine = firstValueFrom(api.mine());
    http.expectOne('/api/me/sessions').flush({ data: [] });
    await expect(mine).resolves.toEqual({ data: [] });

    const revoked = firstValueFrom(api.revokeMine('session_2'), { defaultValue: undefined });
    const request = http.expectOne('/api/me/sessions/session_2/revoke');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await revoked;
  });

  it("lists and revokes a member's sessions", async () => {
    const listed = firstValueFrom(api.ofMember('om_1'));
    http.expectOne('/api/members/om_1/sessions').flush({ data: [] });
    await listed;

    const revoked = firstValueFrom(api.revokeOfMember('om_1', 'session_2'), {
      defaultValue: undefined,
    });
    const request = http.expectOne('/api/members/om_1/sessions/session_2/revoke');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await revoked;
  });
});
