import type { Member } from './members.api';

/** How a member is named in the UI: their name, else their e-mail address. */
export function memberName(member: Pick<Member, 'name' | 'email'>): string {
  const name = member.name?.trim() ?? '';
  return name.length > 0 ? name : member.email;
}
