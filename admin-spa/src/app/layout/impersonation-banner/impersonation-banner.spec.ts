import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import { sessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { ImpersonationBanner } from './impersonation-banner';

describe('ImpersonationBanner', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(body: Record<string, unknown>): Promise<HTMLElement> {
    await signInAs(body);
    const fixture = TestBed.createComponent(ImpersonationBanner);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('names the impersonator, the reason and the impersonated user', async () => {
    const element = await render(
      sessionBody({ impersonator: { email: 'sam@example.com', reason: 'Ticket 42' } }),
    );
    const banner = byTestId('impersonation-banner', element);
    expect(banner?.textContent).toContain('you are signed in as Ada Lovelace (ada@example.com)');
    expect(byTestId('impersonator-email', element)?.textContent?.trim()).toBe('sam@example.com');
    expect(byTestId('impersonation-reason', element)?.textContent?.trim()).toBe(
      'Reason: Ticket 42.',
    );
  });

  it('says when no reason was given', async () => {
    const element = await render(sessionBody({ impersonator: { email: 'sam@example.com' } }));
    expect(byTestId('impersonation-reason', element)?.textContent?.trim()).toBe(
      'Reason: none given.',
    );
  });

  it('"Stop impersonating" signs the session out, once', async () => {
    const element = await render(
      sessionBody({ impersonator: { email: 'sam@example.com', reason: null } }),
    );
    const stop = byTestId('impersonation-stop', element) as HTMLButtonElement;
    stop.click();
    stop.click();
    const logout = http.expectOne('/auth/logout');
    logout.flush({ logoutUrl: 'https://auth.example.com/logout' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(RecordingLocation).assigned).toEqual(['https://auth.example.com/logout']);
  });

  it('is absent without impersonation', async () => {
    const element = await render(sessionBody());
    expect(byTestId('impersonation-banner', element)).toBeNull();
  });
});
