import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { userSession } from '../../../testing/admin-fixtures';
import { sessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { PendingKeys } from '../../shared/pending/pending-keys';
import { SessionList } from './session-list';

describe('SessionList', () => {
  let fixture: ComponentFixture<SessionList>;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    await signInAs(sessionBody());
    fixture = TestBed.createComponent(SessionList);
    fixture.componentRef.setInput('label', 'Sessions');
    fixture.componentRef.setInput('pending', new PendingKeys());
  });

  it('shows what it knows about a session and says what it does not', async () => {
    fixture.componentRef.setInput('sessions', [
      userSession({
        userAgent: null,
        ipAddress: null,
        organizationId: 'org_ELSEWHERE',
        impersonatorEmail: 'sam@example.com',
        authMethod: 'impersonation',
      }),
    ]);
    await fixture.whenStable();
    const row = byTestId('session-row', fixture.nativeElement as HTMLElement)!;
    expect(row.textContent).toContain('Unknown browser');
    expect(row.textContent).toContain('Unknown');
    expect(row.textContent).toContain('Another organization');
    expect(row.textContent).toContain('Impersonated by sam@example.com');
    expect(row.textContent).toContain('Signed in with impersonation');
    expect(row.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-01T09:00:00.000Z');
  });

  it('emits the session to sign out', async () => {
    const other = userSession({ id: 'session_2', current: false });
    fixture.componentRef.setInput('sessions', [other]);
    fixture.componentRef.setInput('canRevoke', true);
    const revoked: unknown[] = [];
    fixture.componentInstance.revoke.subscribe((item) => revoked.push(item));
    await fixture.whenStable();
    byTestId('session-revoke', fixture.nativeElement as HTMLElement)!.click();
    expect(revoked).toEqual([other]);
  });
});
