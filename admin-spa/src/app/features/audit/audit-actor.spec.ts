import type { SessionUser } from '../../core/auth/session-info';
import { actorLabel, targetLabel } from './audit-actor';

const ADA: SessionUser = {
  id: 'user_01ADA',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  profilePictureUrl: null,
};

describe('actorLabel', () => {
  it('names the signed-in user from their session (tokens carry no e-mail)', () => {
    expect(actorLabel({ id: 'user_01ADA', email: null, impersonator: null }, ADA)).toEqual({
      name: 'Ada Lovelace',
      detail: 'ada@example.com',
    });
  });

  it('names others by the recorded e-mail address, else by user id', () => {
    expect(
      actorLabel({ id: 'user_01MAX', email: 'max@example.com', impersonator: null }, ADA),
    ).toEqual({ name: 'max@example.com', detail: 'user_01MAX' });
    expect(actorLabel({ id: 'user_01MAX', email: null, impersonator: null }, ADA)).toEqual({
      name: 'user_01MAX',
      detail: null,
    });
    expect(actorLabel({ id: null, email: null, impersonator: null }, null).name).toBe('Unknown');
  });
});

describe('actorLabel with the members directory', () => {
  const known = new Map([
    ['user_01MAX', { name: 'Max Member', email: 'max@example.com' }],
    ['user_01NEW', { name: 'new@example.com', email: 'new@example.com' }],
  ]);

  it('names members by their name and e-mail address, before a recorded e-mail', () => {
    expect(
      actorLabel({ id: 'user_01MAX', email: 'old@example.com', impersonator: null }, ADA, known),
    ).toEqual({ name: 'Max Member', detail: 'max@example.com' });
    expect(actorLabel({ id: 'user_01NEW', email: null, impersonator: null }, ADA, known)).toEqual({
      name: 'new@example.com',
      detail: null,
    });
  });
});

describe('targetLabel', () => {
  it('shows the label, else the id', () => {
    expect(targetLabel({ type: 'membership', id: 'om_1', label: 'max@example.com' })).toBe(
      'max@example.com',
    );
    expect(targetLabel({ type: 'membership', id: 'om_1', label: null })).toBe('om_1');
    expect(targetLabel(null)).toBe('—');
  });
});
