import { TestBed } from '@angular/core/testing';

import { parseSessionInfo } from '../../core/auth/session-info';
import { sessionBody } from '../../../testing/session-fixtures';
import { Avatar } from './avatar';

describe('Avatar', () => {
  function render(profilePictureUrl: string | null) {
    const user = parseSessionInfo(sessionBody())!.user;
    const fixture = TestBed.createComponent(Avatar);
    fixture.componentRef.setInput('user', { ...user, profilePictureUrl });
    return fixture;
  }

  it('shows the profile picture with the name as alt text', async () => {
    const fixture = render('https://images.example.com/ada.png');
    await fixture.whenStable();
    const img = (fixture.nativeElement as HTMLElement).querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://images.example.com/ada.png');
    expect(img?.getAttribute('alt')).toBe('Ada Lovelace');
  });

  it('falls back to labelled initials without a picture', async () => {
    const fixture = render(null);
    await fixture.whenStable();
    const initials = (fixture.nativeElement as HTMLElement).querySelector('.initials');
    expect(initials?.textContent?.trim()).toBe('AL');
    expect(initials?.getAttribute('aria-label')).toBe('Ada Lovelace');
  });

  it('falls back to initials when the picture cannot load', async () => {
    const fixture = render('https://blocked.example.com/ada.png');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector('img')?.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.initials')?.textContent?.trim()).toBe('AL');
  });
});
