import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { ServiceStatus } from './service-status';

@Component({ selector: 'gh-retrying', template: '' })
class Retrying {
  readonly calls: string[] = [];
  constructor() {
    inject(ServiceStatus).onRetry(() => this.calls.push('reload'));
  }
}

describe('ServiceStatus', () => {
  it('reports, clears, and re-runs registered loads on retry while they live', () => {
    const status = TestBed.inject(ServiceStatus);
    const fixture = TestBed.createComponent(Retrying);
    expect(status.unavailable()).toBe(false);

    status.reportUnavailable(503);
    expect(status.unavailable()).toBe(true);
    expect(status.failedStatus()).toBe(503);

    status.retry();
    expect(status.unavailable()).toBe(false);
    expect(fixture.componentInstance.calls).toEqual(['reload']);

    fixture.destroy();
    status.retry();
    expect(fixture.componentInstance.calls).toEqual(['reload']);
  });
});
