import { TestBed } from '@angular/core/testing';

import { BrowserLocation } from './browser-location';

describe('BrowserLocation', () => {
  it("reads the page's origin and current path", () => {
    window.history.replaceState(null, '', '/profile?tab=claims#top');
    const location = TestBed.inject(BrowserLocation);
    expect(location.origin).toBe('http://localhost');
    expect(location.currentPath()).toBe('/profile?tab=claims#top');
    window.history.replaceState(null, '', '/');
  });
});
