import { HttpErrorResponse } from '@angular/common/http';

import { ADMIN_API_UNCONFIGURED, apiProblem, isUnconfigured } from './api-error';

function httpError(status: number, error: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error, statusText: 'Error', url: '/api/members' });
}

describe('apiProblem', () => {
  it('reads the code, the message and the field errors of a JSON error body', () => {
    const problem = apiProblem(
      httpError(400, {
        code: 'invalid_request',
        message: 'The request is invalid.',
        errors: [{ field: 'email', message: 'Enter an e-mail address.' }, { field: 'x' }, 'y'],
      }),
      'Could not invite.',
    );
    expect(problem).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The request is invalid.',
      fieldErrors: [{ field: 'email', message: 'Enter an e-mail address.' }],
      retryable: false,
    });
  });

  it('falls back to a sentence for the status, or to the given one', () => {
    expect(apiProblem(httpError(500, 'boom'), 'Could not load.').message).toBe('Could not load.');
    expect(apiProblem(httpError(403, null), 'x').message).toBe('You are not allowed to do this.');
    expect(apiProblem(httpError(401, null), 'x').message).toContain('Sign in again');
    const down = apiProblem(httpError(0, null), 'x');
    expect(down.message).toContain('did not answer');
    expect(down.retryable).toBe(true);
  });

  it('reads field errors named `fields` too, and errors wrapped by a resource', () => {
    const validation = httpError(400, {
      code: 'validation_failed',
      message: 'roleSlug: required',
      fields: [{ field: 'roleSlug', message: 'required' }],
    });
    expect(apiProblem(validation, 'x').fieldErrors).toEqual([
      { field: 'roleSlug', message: 'required' },
    ]);
    const wrapped = new Error('Resource failed', { cause: validation });
    expect(apiProblem(wrapped, 'x').code).toBe('validation_failed');
  });

  it("reads the BFF's { error } bodies as the code", () => {
    expect(apiProblem(httpError(403, { error: 'csrf' }), 'x').code).toBe('csrf');
  });

  it('recognises an API without a WorkOS API key, which trying again does not fix', () => {
    const problem = apiProblem(httpError(503, { code: ADMIN_API_UNCONFIGURED }), 'x');
    expect(isUnconfigured(problem)).toBe(true);
    expect(problem.retryable).toBe(false);
    expect(problem.message).toContain('no WorkOS API key');
    expect(isUnconfigured(apiProblem(httpError(503, null), 'x'))).toBe(false);
    expect(isUnconfigured(null)).toBe(false);
  });

  it('honours retryable from the body and survives errors that are not HTTP ones', () => {
    expect(apiProblem(httpError(409, { retryable: true }), 'x').retryable).toBe(true);
    expect(apiProblem(new Error('parse'), 'Broken answer.')).toMatchObject({
      status: 0,
      code: null,
      message: 'Broken answer.',
      retryable: false,
    });
  });
});
