import { FaultInjector } from './faults.js';

describe('FaultInjector', () => {
  it('applies a fault `times` times, first match first, optionally per grant type', () => {
    const faults = new FaultInjector();
    faults.add({
      route: '/user_management/authenticate',
      status: 503,
      grantType: 'refresh_token',
      times: 2,
    });
    faults.add({ route: '/health', status: 500 });
    expect(
      faults.take('POST', '/user_management/authenticate', 'authorization_code'),
    ).toBeUndefined();
    expect(faults.take('POST', '/user_management/authenticate', 'refresh_token')?.status).toBe(503);
    expect(faults.take('POST', '/user_management/authenticate', 'refresh_token')?.status).toBe(503);
    expect(faults.take('POST', '/user_management/authenticate', 'refresh_token')).toBeUndefined();
    expect(faults.pending).toBe(1);
    faults.clear();
    expect(faults.take('GET', '/health', undefined)).toBeUndefined();
  });

  it('keeps an Infinity fault until cleared', () => {
    const faults = new FaultInjector();
    faults.add({ route: '/health', delayMs: 1, times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5; i += 1)
      expect(faults.take('GET', '/health', undefined)?.delayMs).toBe(1);
  });
});
