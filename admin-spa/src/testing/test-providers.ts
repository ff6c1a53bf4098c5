import { type HttpRequest, provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { type EnvironmentProviders, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, type Routes, withComponentInputBinding } from '@angular/router';

import { AuthSession } from '../app/core/auth/auth-session';
import { bffInterceptor } from '../app/core/auth/bff-interceptor';
import { BROADCAST_CHANNEL_FACTORY } from '../app/core/auth/session-channel';
import { BrowserDownload } from '../app/core/browser/browser-download';
import { BrowserLocation } from '../app/core/browser/browser-location';
import { RecordingDownload } from './recording-download';
import { RecordingLocation } from './recording-location';

/**
 * The app's real HTTP stack (HttpClient + bffInterceptor) over HttpTestingController, a recording
 * location and downloads, no cross-tab channel unless a test provides one, and Material without animations.
 */
export function provideTestApp(routes: Routes = []): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([bffInterceptor])),
    provideHttpClientTesting(),
    provideRouter(routes, withComponentInputBinding()),
    RecordingLocation,
    { provide: BrowserLocation, useExisting: RecordingLocation },
    RecordingDownload,
    { provide: BrowserDownload, useExisting: RecordingDownload },
    { provide: BROADCAST_CHANNEL_FACTORY, useValue: () => null },
    // Dialogs and menus open and close at once (jsdom runs no CSS transitions).
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}

/** Answers the pending `GET /auth/session` (any query) with `body`, or with an error status. */
export function answerSession(
  http: HttpTestingController,
  answer: { body: Record<string, unknown> } | { status: number; error?: Record<string, unknown> },
): void {
  const request = http.expectOne((candidate) => candidate.url === '/auth/session');
  if ('body' in answer) {
    request.flush(answer.body);
  } else {
    request.flush(answer.error ?? { error: 'unauthenticated' }, {
      status: answer.status,
      statusText: 'Error',
    });
  }
}

/** Loads the session with `body` as the BFF's answer; resolves once AuthSession has it. */
export async function signInAs(body: Record<string, unknown>): Promise<AuthSession> {
  const session = TestBed.inject(AuthSession);
  const http = TestBed.inject(HttpTestingController);
  const loaded = session.ensureLoaded();
  answerSession(http, { body });
  await loaded;
  return session;
}

/**
 * Waits (up to about a second) for a request to `url` that lazy-loaded code is about to make, and
 * returns it for the test to answer.
 */
export async function waitForRequest(
  http: HttpTestingController,
  url: string,
): Promise<TestRequest> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [request] = http.match(url);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No request to ${url}`);
}

/**
 * Waits (up to about two seconds) for a request matching `predicate` that a resource or a debounced
 * search is about to make, and returns it for the test to answer.
 */
export async function waitForMatch(
  http: HttpTestingController,
  predicate: (request: HttpRequest<unknown>) => boolean,
  description = 'the expected request',
): Promise<TestRequest> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const [request] = http.match(predicate);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No request: ${description}`);
}

/** The element with `data-testid="<id>"` under `root` (or the whole document), or null. */
export function byTestId(id: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}
