import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideTestApp } from '../../../testing/test-providers';
import { AuditApi, csvFileName } from './audit.api';

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

  it('fetches the CSV export of the filters, without paging, as a file', async () => {
    const csv = firstValueFrom(
      api.exportCsv({ action: 'member.role_changed', from: '2026-03-01T10:00:00.000Z' }),
    );
    const request = http.expectOne((r) => r.url === '/api/audit/export.csv');
    expect(request.request.urlWithParams).toBe(
      '/api/audit/export.csv?action=member.role_changed&from=2026-03-01T10:00:00.000Z',
    );
    // Through the BFF's CSRF check like any other /api call.
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    expect(request.request.responseType).toBe('blob');
    const file = new Blob(['id\n'], { type: 'text/csv' });
    request.flush(file, {
      headers: { 'Content-Disposition': 'attachment; filename="audit-org_01ACME.csv"' },
    });
    const response = await csv;
    expect(response.body).toBe(file);
    expect(csvFileName(response.headers.get('Content-Disposition'))).toBe('audit-org_01ACME.csv');
  });
});

describe('csvFileName', () => {
  it('takes a plain .csv name from Content-Disposition, else audit.csv', () => {
    expect(csvFileName('attachment; filename="audit-org_1.csv"')).toBe('audit-org_1.csv');
    expect(csvFileName('attachment; filename=../../etc/passwd')).toBe('audit.csv');
    expect(csvFileName('attachment; filename="run.exe"')).toBe('audit.csv');
    expect(csvFileName(null)).toBe('audit.csv');
  });
});
