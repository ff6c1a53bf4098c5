import { formatUptime, parseAdminOverview } from './admin-overview';

describe('parseAdminOverview', () => {
  it('reads the overview', () => {
    expect(
      parseAdminOverview({
        viewerId: 'user_1',
        organizationId: 'org_1',
        uptimeSeconds: 3723,
        signingKeys: 2,
        jwksReachable: true,
        generatedAt: '2026-01-02T03:04:05.000Z',
      }),
    ).toEqual({
      viewerId: 'user_1',
      organizationId: 'org_1',
      uptimeSeconds: 3723,
      signingKeys: 2,
      jwksReachable: true,
      generatedAt: new Date('2026-01-02T03:04:05.000Z'),
    });
  });

  it('leaves unknown or malformed numbers out', () => {
    expect(
      parseAdminOverview({ viewerId: 'u', uptimeSeconds: -1, signingKeys: '2' }),
    ).toMatchObject({
      uptimeSeconds: null,
      signingKeys: null,
      jwksReachable: null,
      organizationId: null,
    });
  });

  it.each([null, {}, { viewerId: '' }])('rejects %p', (body) => {
    expect(() => parseAdminOverview(body)).toThrow('Unexpected overview answer');
  });
});

describe('formatUptime', () => {
  it.each([
    [42, '42 s'],
    [300, '5 min'],
    [3723, '1 h 2 min'],
    [3 * 86_400 + 4 * 3600, '3 d 4 h'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});
