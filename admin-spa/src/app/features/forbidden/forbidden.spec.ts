import { TestBed } from '@angular/core/testing';

import { byTestId, provideTestApp } from '../../../testing/test-providers';
import { Forbidden } from './forbidden';

describe('Forbidden', () => {
  it('explains the missing access and links back to the dashboard', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Forbidden);
    await fixture.whenStable();
    const page = byTestId('forbidden-page', fixture.nativeElement as HTMLElement);
    expect(page?.querySelector('h1')?.textContent).toContain("You don't have access");
    expect(page?.querySelector('a')?.getAttribute('href')).toBe('/');
  });
});
