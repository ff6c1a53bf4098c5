import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import { sessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { SessionLifetime } from '../../core/auth/session-lifetime';
import { SessionWarning } from './session-warning';

describe('SessionWarning', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTestApp(), SessionLifetime] });
  });

  async function render(body: Record<string, unknown>): Promise<HTMLElement> {
    await signInAs(body);
    const fixture = TestBed.createComponent(SessionWarning);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('is silent while the session has time left', async () => {
    const page = await render(sessionBody());
    expect(byTestId('session-expiry-warning', page)).toBeNull();
  });

  it('offers "Stay signed in" before the idle expiry', async () => {
    const page = await render(sessionBody({ idleExpiresAt: Date.now() + 95_000 }));
    const warning = byTestId('session-expiry-warning', page);
    expect(warning?.getAttribute('role')).toBe('alert');
    expect(warning?.getAttribute('data-kind')).toBe('idle');
    expect(byTestId('session-expiry-countdown', page)?.textContent).toMatch(/^1:3\d$/);

    byTestId('stay-signed-in', page)?.click();
    const slide = TestBed.inject(HttpTestingController).expectOne('/auth/session');
    expect(slide.request.params.has('slide')).toBe(false);
    slide.flush(sessionBody());
  });

  it('offers to sign in again before the absolute expiry', async () => {
    TestBed.inject(RecordingLocation).path = '/admin';
    const page = await render(sessionBody({ expiresAt: Date.now() + 60_000 }));
    expect(byTestId('session-expiry-warning', page)?.getAttribute('data-kind')).toBe('absolute');
    expect(byTestId('stay-signed-in', page)).toBeNull();
    byTestId('sign-in-again', page)?.click();
    expect(TestBed.inject(RecordingLocation).assigned).toEqual(['/auth/login?returnTo=%2Fadmin']);
  });
});
