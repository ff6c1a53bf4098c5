import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideTestApp } from '../../../testing/test-providers';
import { AuditApi } from './audit.api';

describe('AuditApi', () => {
  let api: AuditApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    api = TestBed.inject(AuditApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists a page with the filters, cursor and limit, leaving unset ones out', async () => {
    const page = firstValueFrom(
      api.list({ actor: 'user_01MAX', outcome: 'failed', cursor: 'c1', limit: 25 }),
    );
    const request = http.expectOne((r) => r.url === '/api/audit');
    expect(request.request.params.keys().sort()).toEqual(['actor', 'cursor', 'limit', 'outcome']);
    expect(request.request.params.get('actor')).toBe('user_01MAX');
    expect(request.request.params.get('cursor')).toBe('c1');
    request.flush({ events: [], nextCursor: null });
    expect(await page).toEqual({ events: [], nextCursor: null });
  });

  it('reads one event by its id, encoded', async () => {
    const event = firstValueFrom(api.event('a/b'));
    http.expectOne('/api/audit/a%2Fb').flush({ id: 'x' });
    expect(await event).toEqual({ id: 'x' });
  });

  it('asks for the latest denials', async () => {
    const denials = firstValueFrom(api.denials(10));
    http.expectOne('/api/audit/denials?limit=10').flush({ denials: [] });
    expect(await denials).toEqual({ denials: [] });
  });

  it('builds the CSV link of the filters, without paging', () => {
    expect(api.exportUrl({})).toBe('/api/audit/export.csv');
    expect(
      api.exportUrl({
        action: 'member.role_changed',
        from: '2026-03-01T10:00:00.000Z',
        target: 'a&b',
      }),
    ).toBe(
      '/api/audit/export.csv?action=member.role_changed&from=2026-03-01T10:00:00.000Z&target=a%26b',
    );
  });
});
