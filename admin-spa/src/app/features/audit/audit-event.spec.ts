import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { auditEvent } from '../../../testing/audit-fixtures';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { AuditEventPage } from './audit-event';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const ID = '0b7c1f5e-6a0e-4f4e-9c39-0a4b1f7d2c11';

describe('AuditEventPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(state?: Record<string, unknown>): Promise<void> {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'audit/:eventId', component: AuditEventPage },
        { path: '**', component: TestPage },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions: ['audit:read'] }));
    harness = await RouterTestingHarness.create();
    await TestBed.inject(Router).navigateByUrl(`/audit/${ID}`, { state });
    harness.detectChanges();
  }

  async function answer(body: object, status?: number): Promise<void> {
    (await waitForMatch(http, (r) => r.url === `/api/audit/${ID}`)).flush(
      body,
      status ? { status, statusText: 'Error' } : undefined,
    );
    await harness.fixture.whenStable();
  }

  const page = () => harness.routeNativeElement!;
  const text = (id: string) => byTestId(id, page())?.textContent?.replace(/\s+/g, ' ').trim();

  afterEach(() => http.verify());

  it('shows who did what, before and after, and where the request came from', async () => {
    await open({ auditFilters: { actor: 'user_01ADA', limit: '9' } });
    await answer(
      auditEvent({
        actor: { id: 'user_01ADA', email: null, impersonator: 'sam@example.com' },
        details: { before: { roleSlugs: ['member'] }, after: { roleSlugs: ['admin'] }, note: 1 },
      }),
    );
    expect(page().querySelector('h2')?.textContent).toContain('member.role_changed');
    const actor = text('audit-event-actor');
    expect(actor).toMatch(/^Ada Lovelace/);
    expect(actor).toContain('ada@example.com');
    expect(actor).toContain('Impersonated by sam@example.com');
    expect(JSON.parse(text('audit-event-before')!)).toEqual({ roleSlugs: ['member'] });
    expect(JSON.parse(text('audit-event-after')!)).toEqual({ roleSlugs: ['admin'] });
    expect(JSON.parse(text('audit-event-details')!)).toEqual({ note: 1 });
    expect(text('audit-event-request-id')).toBe('req-42');
    expect(text('audit-event-client-ip')).toBe('203.0.113.7');
    expect(text('audit-event-user-agent')).toBe('Mozilla/5.0 (X11)');
    // Back to the list it came from, with its filters (only the known ones).
    expect(byTestId('back-to-audit', page())?.getAttribute('href')).toBe('/audit?actor=user_01ADA');
  });

  it('says what is not recorded', async () => {
    await open();
    await answer(
      auditEvent({
        details: { error: { code: 'workos_unavailable' } },
        request: { requestId: null, clientIp: null, userAgent: null },
        outcome: 'failed',
      }),
    );
    expect(byTestId('audit-event-before', page())).toBeNull();
    expect(page().textContent).toContain('Not recorded');
    expect(text('audit-event-client-ip')).toBe('Unknown');
    expect(JSON.parse(text('audit-event-details')!)).toEqual({
      error: { code: 'workos_unavailable' },
    });
    expect(byTestId('back-to-audit', page())?.getAttribute('href')).toBe('/audit');
  });

  it("shows the backend's answer for an event of another organization", async () => {
    await open();
    await answer(
      { code: 'audit_event_not_found', message: 'No such audit event in your organization.' },
      404,
    );
    expect(text('audit-event-error')).toContain('No such audit event in your organization.');
  });
});
