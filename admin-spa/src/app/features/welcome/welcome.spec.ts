import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import { sessionBody } from '../../../testing/session-fixtures';
import { answerSession, byTestId, provideTestApp } from '../../../testing/test-providers';
import { Welcome } from './welcome';

describe('Welcome (signed-out page)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
  });

  async function render(reason: string | undefined, answer: Parameters<typeof answerSession>[1]) {
    const fixture = TestBed.createComponent(Welcome);
    fixture.componentRef.setInput('reason', reason);
    answerSession(http, answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the product and a Sign in button that signs in to the dashboard', async () => {
    const page = await render('', { status: 401 });
    expect(page.querySelector('h1')?.textContent).toContain('Gatehouse');
    expect(byTestId('signed-out-reason', page)).toBeNull();
    const button = byTestId('sign-in-button', page);
    expect(button?.textContent).toContain('Sign in');
    button?.click();
    expect(TestBed.inject(RecordingLocation).assigned).toEqual(['/auth/login?returnTo=%2F']);
  });

  it.each([
    ['signed-out', 'You have signed out', 'status'],
    ['expired', 'Your session expired', 'status'],
    ['error', 'Sign-in did not complete', 'alert'],
    ['access_denied', 'access was denied', 'alert'],
  ])('explains reason=%s', async (reason, text, role) => {
    const page = await render(reason, { status: 401 });
    const message = byTestId('signed-out-reason', page);
    expect(message?.textContent).toContain(text);
    expect(message?.getAttribute('data-reason')).toBe(reason);
    expect(message?.getAttribute('role')).toBe(role);
  });

  it('says "signed out" on the bare page WorkOS returns to after its logout', async () => {
    const page = await render(undefined, { status: 401 });
    expect(byTestId('signed-out-reason', page)?.getAttribute('data-reason')).toBe('signed-out');
  });

  it('ignores an unknown reason', async () => {
    const page = await render('<script>', { status: 401 });
    expect(byTestId('signed-out-reason', page)).toBeNull();
  });

  it('offers to continue when a session exists', async () => {
    const page = await render('signed-out', { body: sessionBody() });
    expect(byTestId('sign-in-button', page)).toBeNull();
    expect(byTestId('continue-button', page)?.getAttribute('href')).toBe('/');
  });
});
