import { TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import { byTestId, provideTestApp } from '../../../testing/test-providers';
import { SignInRedirect } from './sign-in-redirect';

describe('SignInRedirect', () => {
  it('starts the BFF sign-in for the requested page and shows a fallback link', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(SignInRedirect);
    fixture.componentRef.setInput('returnTo', '/admin?tab=keys');
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('Taking you to sign in');
    expect(byTestId('sign-in-link', page)?.getAttribute('href')).toBe(
      '/auth/login?returnTo=%2Fadmin%3Ftab%3Dkeys',
    );
    expect(TestBed.inject(RecordingLocation).assigned).toEqual([
      '/auth/login?returnTo=%2Fadmin%3Ftab%3Dkeys',
    ]);
  });
});
