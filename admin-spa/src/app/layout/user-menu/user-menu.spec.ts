import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import { sessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { SIGNED_OUT_PATH } from '../../core/auth/auth-session';
import { UserMenu } from './user-menu';

describe('UserMenu', () => {
  it('opens with the user, a Profile link and Sign out, which signs out through the BFF', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    await signInAs(sessionBody());
    const fixture = TestBed.createComponent(UserMenu);
    await fixture.whenStable();

    const trigger = byTestId('user-menu-button', fixture.nativeElement as HTMLElement);
    expect(trigger?.textContent).toContain('Ada Lovelace');
    trigger?.click();
    await fixture.whenStable();

    expect(byTestId('user-menu-summary')?.textContent).toContain('ada@example.com');
    expect(byTestId('user-menu-profile')?.getAttribute('href')).toBe('/profile');
    const signOut = byTestId('sign-out-button');
    expect(signOut?.getAttribute('role')).toBe('menuitem');
    signOut?.click();

    const http = TestBed.inject(HttpTestingController);
    const request = http.expectOne('/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush({ logoutUrl: 'https://auth.example.com/logout?session_id=s1' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(RecordingLocation).assigned).toEqual([
      'https://auth.example.com/logout?session_id=s1',
    ]);
  });

  it('Sign out everywhere ends every session of the user through the BFF', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    await signInAs(sessionBody());
    const fixture = TestBed.createComponent(UserMenu);
    await fixture.whenStable();
    byTestId('user-menu-button', fixture.nativeElement as HTMLElement)?.click();
    await fixture.whenStable();

    byTestId('sign-out-everywhere-button')?.click();

    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/auth/sessions/revoke-all').flush({ complete: true, logoutUrl: null });
    await new Promise((resolve) => setTimeout(resolve));
    http.expectNone('/auth/logout');
    expect(TestBed.inject(RecordingLocation).assigned).toEqual([SIGNED_OUT_PATH]);
  });

  it('renders nothing without a user', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(UserMenu);
    await fixture.whenStable();
    expect(byTestId('user-menu-button', fixture.nativeElement as HTMLElement)).toBeNull();
  });
});
