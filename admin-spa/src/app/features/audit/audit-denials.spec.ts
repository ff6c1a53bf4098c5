import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { AuditDenials, DENIALS_SHOWN } from './audit-denials';

describe('AuditDenials', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AuditDenials>;

  async function render(body: object, status?: number): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions: ['audit:read'] }));
    fixture = TestBed.createComponent(AuditDenials);
    fixture.detectChanges();
    const request = await waitForMatch(http, (r) => r.url === '/api/audit/denials');
    expect(request.request.params.get('limit')).toBe(String(DENIALS_SHOWN));
    request.flush(body, status ? { status, statusText: 'Error' } : undefined);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => http.verify());

  it('lists the latest refused requests with their reason and count', async () => {
    const element = await render({
      denials: [
        {
          minute: '2026-03-01T10:00:00.000Z',
          status: 403,
          code: 'insufficient_scope',
          route: 'GET /audit',
          missing: 'permission:audit:read',
          count: 7,
        },
      ],
    });
    const row = byTestId('denial-row', element);
    expect(row?.textContent).toContain('GET /audit');
    expect(row?.textContent).toContain('403 insufficient_scope');
    expect(row?.textContent).toContain('permission:audit:read');
    expect(row?.textContent).toContain('7');
  });

  it('says when nothing was refused, and when the counts cannot be read', async () => {
    expect(byTestId('denials-empty', await render({ denials: [] }))).not.toBeNull();
    fixture.destroy();
    TestBed.resetTestingModule();
    const element = await render({ message: 'The audit database is unavailable.' }, 503);
    expect(byTestId('denials-error', element)?.textContent).toContain(
      'The audit database is unavailable.',
    );
  });
});
