import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideTestApp } from '../../../testing/test-providers';
import { MembersApi } from './members.api';

describe('MembersApi', () => {
  let api: MembersApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    api = TestBed.inject(MembersApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists members with the search and the cursor, leaving out what is unset', async () => {
    const page = { data: [], listMetadata: { before: null, after: null } };
    const answer = firstValueFrom(api.list({ search: 'ada', after: 'om_2', limit: 20 }));
    const request = http.expectOne((r) => r.url === '/api/members');
    expect(request.request.method).toBe('GET');
    expect(request.request.params.toString()).toBe('search=ada&after=om_2&limit=20');
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush(page);
    await expect(answer).resolves.toEqual(page);

    const unfiltered = firstValueFrom(api.list({ search: '', limit: 20 }));
    http.expectOne('/api/members?limit=20').flush(page);
    await unfiltered;
  });

  it('changes a role with PATCH and removes with DELETE, escaping the id', async () => {
    const changed = firstValueFrom(api.changeRole('om_1/../x', 'admin'));
    const patch = http.expectOne('/api/members/om_1%2F..%2Fx');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ roleSlug: 'admin' });
    patch.flush({ member: {}, previousRoleSlug: 'member', effective: 'next_token_refresh' });
    await expect(changed).resolves.toMatchObject({ previousRoleSlug: 'member' });

    const removed = firstValueFrom(api.remove('om_1'), { defaultValue: undefined });
    const del = http.expectOne('/api/members/om_1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await removed;
  });

  it('lists the roles', async () => {
    const roles = firstValueFrom(api.roles());
    http.expectOne('/api/roles').flush({ data: [{ slug: 'admin', name: 'Admin' }] });
    await expect(roles).resolves.toEqual({ data: [{ slug: 'admin', name: 'Admin' }] });
  });
});
