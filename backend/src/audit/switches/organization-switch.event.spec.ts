import { userFromClaims } from '../../auth/authenticated-user.js';
import { organizationSwitchedEvent, switchExternalId } from './organization-switch.event.js';
import { observationOf } from './session-observation.js';

const CLAIMS = {
  sub: 'user_ada',
  sid: 'session_01',
  org_id: 'org_new',
  iat: 1_780_000_000,
  exp: 1_780_000_300,
  act: { sub: 'support@example.com' },
};

function userOf(claims: Record<string, unknown>) {
  const user = userFromClaims(claims, 'client_test');
  if (!user) throw new Error('invalid test claims');
  return user;
}

describe('observationOf', () => {
  it('takes the session, organization, user, impersonator and iat of a verified token', () => {
    expect(observationOf(userOf(CLAIMS))).toEqual({
      sessionId: 'session_01',
      organizationId: 'org_new',
      userId: 'user_ada',
      impersonator: 'support@example.com',
      issuedAt: 1_780_000_000,
    });
  });

  it('ignores a token without an organization or without a usable iat', () => {
    const without = (claim: string) =>
      Object.fromEntries(Object.entries(CLAIMS).filter(([name]) => name !== claim));
    expect(observationOf(userOf(without('org_id')))).toBeUndefined();
    expect(observationOf(userOf(without('iat')))).toBeUndefined();
    expect(observationOf(userOf({ ...CLAIMS, iat: '1780000000' }))).toBeUndefined();
    expect(observationOf(userOf({ ...CLAIMS, iat: 1.5 }))).toBeUndefined();
  });
});

describe('organizationSwitchedEvent', () => {
  const observation = observationOf(userOf(CLAIMS));
  if (observation === undefined) throw new Error('the test claims make no observation');

  it('records the switch in the new organization, dated by the token', () => {
    expect(organizationSwitchedEvent(observation)).toEqual({
      occurredAt: new Date('2026-05-28T20:26:40.000Z'),
      organizationId: 'org_new',
      source: 'token',
      externalId: 'session_01:org_new:1780000000',
      actor: { id: 'user_ada', email: null, impersonator: 'support@example.com' },
      action: 'organization.switched',
      target: { type: 'organization', id: 'org_new', label: null },
      outcome: 'succeeded',
      details: { sessionId: 'session_01' },
      request: { requestId: null, clientIp: null, userAgent: null },
    });
  });

  it('gives the same token the same external id, and another token another', () => {
    expect(switchExternalId(observation)).toBe(switchExternalId({ ...observation }));
    expect(switchExternalId({ ...observation, issuedAt: observation.issuedAt + 1 })).not.toBe(
      switchExternalId(observation),
    );
  });
});
