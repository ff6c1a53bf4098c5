import { displayName, type SessionUser } from '../../core/auth/session-info';
import type { AuditEvent } from './audit.api';

/** How an event's actor is shown: a name and, when it adds something, a second line. */
export interface ActorLabel {
  readonly name: string;
  readonly detail: string | null;
}

/** A member the page could name, by user id. */
export interface KnownActor {
  readonly name: string;
  readonly email: string;
}

/**
 * Names the actor of an event. Access tokens carry no e-mail address, so the trail often holds only
 * a user id: the signed-in user is named from their session, members from the directory the page
 * loaded, others by their recorded e-mail address, else by their user id.
 */
export function actorLabel(
  actor: AuditEvent['actor'],
  me: SessionUser | null,
  known: ReadonlyMap<string, KnownActor> = new Map(),
): ActorLabel {
  const member = actor.id === null ? undefined : known.get(actor.id);
  if (actor.id !== null && me !== null && actor.id === me.id) {
    const name = displayName(me);
    return { name, detail: name === me.email ? null : me.email };
  }
  if (member)
    return { name: member.name, detail: member.name === member.email ? null : member.email };
  if (actor.email !== null) return { name: actor.email, detail: actor.id };
  return { name: actor.id ?? 'Unknown', detail: null };
}

/** What an event acted on, for the table: its label, else its id. */
export function targetLabel(target: AuditEvent['target']): string {
  return target === null ? '—' : (target.label ?? target.id);
}
