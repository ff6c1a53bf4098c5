import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';

import { sessionBody } from '../../../testing/session-fixtures';
import { answerSession, byTestId, provideTestApp } from '../../../testing/test-providers';
import { AuthSession } from '../../core/auth/auth-session';
import { Unavailable } from './unavailable';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

describe('Unavailable', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthSession).ensureLoaded();
    answerSession(http, { status: 503 });
    await loaded;
  });

  async function render() {
    const fixture = TestBed.createComponent(Unavailable);
    fixture.componentRef.setInput('returnTo', '/profile');
    await fixture.whenStable();
    return fixture;
  }

  it('says the service is unavailable, as an alert', async () => {
    const fixture = await render();
    const message = byTestId('service-unavailable', fixture.nativeElement as HTMLElement);
    expect(message?.getAttribute('role')).toBe('alert');
    expect(message?.textContent).toContain('The service is unavailable');
  });

  it('"Try again" re-checks the session and resumes the navigation', async () => {
    const fixture = await render();
    byTestId('service-unavailable-retry', fixture.nativeElement as HTMLElement)?.click();
    answerSession(http, { body: sessionBody() });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(Router).url).toBe('/profile');
  });

  it('stays when the service is still down', async () => {
    const fixture = await render();
    byTestId('service-unavailable-retry', fixture.nativeElement as HTMLElement)?.click();
    answerSession(http, { status: 504 });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(AuthSession).status()).toBe('unavailable');
  });
});
