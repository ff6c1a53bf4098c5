import { TestBed } from '@angular/core/testing';

import { byTestId, provideTestApp } from '../../../testing/test-providers';
import { NotFound } from './not-found';

describe('NotFound', () => {
  it('says the page does not exist and links back to the dashboard', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(NotFound);
    await fixture.whenStable();
    const page = byTestId('not-found-page', fixture.nativeElement as HTMLElement);
    expect(page?.querySelector('h1')?.textContent).toContain('Page not found');
    expect(page?.querySelector('a')?.getAttribute('href')).toBe('/');
  });
});
