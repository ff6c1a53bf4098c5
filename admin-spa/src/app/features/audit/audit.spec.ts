import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { member, page as memberPage } from '../../../testing/admin-fixtures';
import { auditEvent } from '../../../testing/audit-fixtures';
import { RecordingDownload } from '../../../testing/recording-download';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { DIRECTORY_SIZE } from './actor-directory';
import { Audit, AUDIT_PAGE_SIZE } from './audit';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const MAX_EVENT = auditEvent({
  id: '11111111-1111-4111-8111-111111111111',
  actor: { id: 'user_01MAX', email: 'max@example.com', impersonator: 'sam@example.com' },
  action: 'invitation.sent',
  target: { type: 'invitation', id: 'inv_1', label: 'new@example.com' },
  outcome: 'failed',
});

describe('Audit', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url = '/audit', permissions = ['audit:read']): Promise<void> {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'audit', component: Audit },
        { path: '**', component: TestPage },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions }));
    harness = await RouterTestingHarness.create();
    await TestBed.inject(Router).navigateByUrl(url);
    harness.detectChanges();
    (await waitForMatch(http, (r) => r.url === '/api/audit/denials')).flush({ denials: [] });
  }

  const listRequest = (): Promise<TestRequest> =>
    waitForMatch(http, (r) => r.url === '/api/audit', 'GET /api/audit');

  async function answer(request: TestRequest, body: object, status?: number): Promise<void> {
    request.flush(body, status ? { status, statusText: 'Error' } : undefined);
    await harness.fixture.whenStable();
  }

  const page = () => harness.routeNativeElement!;
  const rows = () => [...page().querySelectorAll<HTMLElement>('[data-testid="audit-row"]')];
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  /** The texts of an element's children (the lines of a cell). */
  const parts = (node: Element | null | undefined) => [...(node?.children ?? [])].map(text);
  const params = (request: TestRequest) =>
    Object.fromEntries(
      request.request.params.keys().map((k) => [k, request.request.params.get(k)]),
    );

  afterEach(() => http.verify());

  it('shows a loading state, then the events with actor, impersonator, target and outcome', async () => {
    await open();
    const request = await listRequest();
    expect(params(request)).toEqual({ limit: String(AUDIT_PAGE_SIZE) });
    harness.detectChanges();
    expect(byTestId('audit-loading', page())).not.toBeNull();
    await answer(request, { events: [auditEvent(), MAX_EVENT], nextCursor: null });

    expect(byTestId('audit-loading', page())).toBeNull();
    const [mine, max] = rows();
    expect(parts(byTestId('audit-actor', mine))).toEqual(['Ada Lovelace', 'ada@example.com']);
    expect(text(byTestId('audit-action', mine))).toBe('member.role_changed');
    expect(text(byTestId('audit-target', mine))).toBe('max@example.com membership');
    expect(text(byTestId('audit-outcome', mine))).toBe('succeeded');
    expect(parts(byTestId('audit-actor', max))).toEqual([
      'max@example.com',
      'user_01MAX',
      'Impersonated by sam@example.com',
    ]);
    expect(byTestId('audit-event-link', mine)?.getAttribute('href')).toBe(
      '/audit/0b7c1f5e-6a0e-4f4e-9c39-0a4b1f7d2c11',
    );
  });

  it('reads the filters from the URL and sends them, the CSV link with them', async () => {
    await open('/audit?actor=user_01MAX&outcome=failed&from=2026-03-01T12:00:00%2B02:00&page=3');
    const request = await listRequest();
    expect(params(request)).toEqual({
      actor: 'user_01MAX',
      outcome: 'failed',
      from: '2026-03-01T10:00:00.000Z',
      limit: String(AUDIT_PAGE_SIZE),
    });
    await answer(request, { events: [], nextCursor: null });
    expect(text(byTestId('audit-empty', page()))).toBe('No event matches these filters.');
    expect((byTestId('audit-filter-actor', page()) as HTMLInputElement).value).toBe('user_01MAX');
    expect((byTestId('audit-filter-outcome', page()) as HTMLSelectElement).value).toBe('failed');
  });

  it('puts applied filters in the URL and loads the first page for them', async () => {
    await open();
    await answer(await listRequest(), { events: [auditEvent()], nextCursor: null });

    (byTestId('audit-filter-target', page()) as HTMLInputElement).value = ' max@ ';
    (byTestId('audit-filter-action', page()) as HTMLInputElement).value = 'member.role_changed';
    const outcome = byTestId('audit-filter-outcome', page()) as HTMLSelectElement;
    outcome.value = 'succeeded';
    (byTestId('audit-filter-from', page()) as HTMLInputElement).value = '2026-03-01T10:30';
    byTestId('audit-filter-apply', page())!.click();

    const request = await listRequest();
    const from = new Date(2026, 2, 1, 10, 30).toISOString();
    const url = TestBed.inject(Router).parseUrl(TestBed.inject(Router).url);
    expect(url.queryParams).toEqual({
      action: 'member.role_changed',
      outcome: 'succeeded',
      from,
      target: 'max@',
    });
    expect(params(request)).toEqual({ ...url.queryParams, limit: String(AUDIT_PAGE_SIZE) });
    await answer(request, { events: [], nextCursor: null });

    byTestId('audit-filter-clear', page())!.click();
    const cleared = await listRequest();
    expect(TestBed.inject(Router).url).toBe('/audit');
    await answer(cleared, { events: [], nextCursor: null });
    expect(text(byTestId('audit-empty', page()))).toBe('Nothing has been recorded yet.');
    expect(byTestId('audit-filter-clear', page())).toBeNull();
  });

  it('pages forward with the next cursor and back to the page before', async () => {
    await open('/audit?action=member.removed');
    await answer(await listRequest(), { events: [auditEvent()], nextCursor: 'cursor-2' });
    const previous = () => byTestId('pager-previous', page()) as HTMLButtonElement;
    const next = () => byTestId('pager-next', page()) as HTMLButtonElement;
    expect(previous().disabled).toBe(true);

    next().click();
    harness.detectChanges();
    const second = await listRequest();
    expect(params(second)).toEqual({
      action: 'member.removed',
      cursor: 'cursor-2',
      limit: String(AUDIT_PAGE_SIZE),
    });
    await answer(second, { events: [MAX_EVENT], nextCursor: null });
    expect(next().disabled).toBe(true);
    expect(previous().disabled).toBe(false);

    previous().click();
    harness.detectChanges();
    const first = await listRequest();
    expect(first.request.params.has('cursor')).toBe(false);
    await answer(first, { events: [auditEvent()], nextCursor: 'cursor-2' });
    expect(previous().disabled).toBe(true);
  });

  it('shows what went wrong, and tries again', async () => {
    await open('/audit?actor=x');
    await answer(
      await listRequest(),
      { statusCode: 503, code: 'audit_unavailable', message: 'The audit trail is unavailable.' },
      503,
    );
    const error = byTestId('audit-error', page());
    expect(text(error)).toContain('The audit trail could not be loaded.');
    expect(text(error)).toContain('The audit trail is unavailable.');

    error!.querySelector('button')!.click();
    const retry = await listRequest();
    expect(retry.request.params.get('actor')).toBe('x');
    await answer(retry, { events: [auditEvent()], nextCursor: null });
    expect(byTestId('audit-error', page())).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('downloads the CSV export of the filters in force, once at a time', async () => {
    await open('/audit?actor=user_01MAX&outcome=failed');
    await answer(await listRequest(), { events: [auditEvent()], nextCursor: null });
    const button = byTestId('audit-export', page()) as HTMLButtonElement;
    button.click();
    harness.detectChanges();
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('Downloading');
    button.click();

    const [request, ...more] = http.match((r) => r.url === '/api/audit/export.csv');
    expect(more).toEqual([]);
    expect(request!.request.urlWithParams).toBe(
      '/api/audit/export.csv?actor=user_01MAX&outcome=failed',
    );
    const file = new Blob(['id,occurred_at\n'], { type: 'text/csv' });
    request!.flush(file, {
      headers: { 'Content-Disposition': 'attachment; filename="audit-org_01ACME.csv"' },
    });
    await harness.fixture.whenStable();
    const [saved] = TestBed.inject(RecordingDownload).saved;
    expect(saved?.fileName).toBe('audit-org_01ACME.csv');
    expect(saved?.blob).toBe(file);
    harness.detectChanges();
    expect(button.disabled).toBe(false);
  });

  it('says when the export fails', async () => {
    await open();
    await answer(await listRequest(), { events: [auditEvent()], nextCursor: null });
    byTestId('audit-export', page())!.click();
    (await waitForMatch(http, (r) => r.url === '/api/audit/export.csv')).flush(new Blob([]), {
      status: 403,
      statusText: 'Forbidden',
    });
    await harness.fixture.whenStable();
    expect(TestBed.inject(RecordingDownload).saved).toEqual([]);
    expect(document.querySelector('.gh-snack-error')?.textContent).toContain(
      'You are not allowed to do this.',
    );
  });

  it('names other actors from the members directory for users who may list members', async () => {
    await open('/audit', ['audit:read', 'users:read']);
    const members = await waitForMatch(http, (r) => r.url === '/api/members', 'GET /api/members');
    expect(members.request.params.get('limit')).toBe(String(DIRECTORY_SIZE));
    members.flush(memberPage([member()]));
    const unknown = { id: 'user_01GONE', email: null, impersonator: null };
    await answer(await listRequest(), {
      events: [
        auditEvent({ actor: { id: 'user_01MAX', email: null, impersonator: null } }),
        auditEvent({ id: '22222222-2222-4222-8222-222222222222', actor: unknown }),
      ],
      nextCursor: null,
    });
    const [max, gone] = rows();
    expect(parts(byTestId('audit-actor', max))).toEqual(['Max Member', 'max@example.com']);
    expect(parts(byTestId('audit-actor', gone))).toEqual(['user_01GONE']);
  });
});
