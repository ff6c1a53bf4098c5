import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { byTestId } from '../../../testing/test-providers';
import { type PageRequest, Pager } from './pager';

describe('Pager', () => {
  let fixture: ComponentFixture<Pager>;
  let element: HTMLElement;
  const requested: PageRequest[] = [];

  async function render(before: string | null, after: string | null, disabled = false) {
    fixture = TestBed.createComponent(Pager);
    fixture.componentRef.setInput('cursors', { before, after });
    fixture.componentRef.setInput('label', 'Members pages');
    fixture.componentRef.setInput('disabled', disabled);
    fixture.componentInstance.page.subscribe((request) => requested.push(request));
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const button = (id: string) => byTestId(id, element) as HTMLButtonElement;

  beforeEach(() => (requested.length = 0));

  it('asks for the page after or before the cursors', async () => {
    await render('om_1', 'om_9');
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Members pages');
    button('pager-next').click();
    button('pager-previous').click();
    expect(requested).toEqual([{ after: 'om_9' }, { before: 'om_1' }]);
  });

  it('disables a direction without a cursor, and both while loading', async () => {
    await render(null, 'om_9');
    expect(button('pager-previous').disabled).toBe(true);
    expect(button('pager-next').disabled).toBe(false);
    await render('om_1', 'om_9', true);
    expect(button('pager-previous').disabled).toBe(true);
    expect(button('pager-next').disabled).toBe(true);
  });
});
