import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';

import { apiProblem } from '../../core/api/api-error';
import { LoadProblem } from './load-problem';

function problem(status: number, body: unknown) {
  return apiProblem(new HttpErrorResponse({ status, error: body }), 'Something failed.');
}

describe('LoadProblem', () => {
  async function render(value: ReturnType<typeof problem>) {
    const fixture = TestBed.createComponent(LoadProblem);
    fixture.componentRef.setInput('problem', value);
    fixture.componentRef.setInput('subject', 'The members');
    await fixture.whenStable();
    return fixture;
  }

  it('says what failed and why, and offers to try again', async () => {
    const fixture = await render(problem(500, { message: 'WorkOS timed out.' }));
    const element = fixture.nativeElement as HTMLElement;
    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The members could not be loaded.');
    expect(alert?.textContent).toContain('WorkOS timed out.');
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    element.querySelector('button')?.click();
    expect(retried).toBe(1);
  });

  it('explains an API without a WorkOS API key, without a pointless "Try again"', async () => {
    const fixture = await render(problem(503, { code: 'admin_api_unconfigured' }));
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-kind="unconfigured"]')?.textContent).toContain(
      'Administration is not set up',
    );
    expect(element.querySelector('button')).toBeNull();
  });
});
