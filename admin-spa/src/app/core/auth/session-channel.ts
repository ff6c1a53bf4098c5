import { DestroyRef, inject, InjectionToken, Service } from '@angular/core';

/** What one tab tells the others about the shared BFF session. */
export type SessionMessage =
  | { readonly type: 'signed-out' }
  | { readonly type: 'signed-in' }
  | { readonly type: 'organization-switched' };

const MESSAGE_TYPES: ReadonlySet<unknown> = new Set<SessionMessage['type']>([
  'signed-out',
  'signed-in',
  'organization-switched',
]);

/** The part of `BroadcastChannel` the app uses (Node's and the browser's both fit). */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Opens a named broadcast channel; null where the browser has none (then tabs stay independent). */
export const BROADCAST_CHANNEL_FACTORY = new InjectionToken<
  (name: string) => BroadcastChannelLike | null
>('BROADCAST_CHANNEL_FACTORY', {
  factory: () => (name) =>
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null,
});

/** The channel name every Gatehouse tab of one origin shares. */
export const SESSION_CHANNEL_NAME = 'gatehouse.session';

function isSessionMessage(data: unknown): data is SessionMessage {
  if (typeof data !== 'object' || data === null) return false;
  return MESSAGE_TYPES.has((data as { type?: unknown }).type);
}

/**
 * Cross-tab messages about the session over a `BroadcastChannel`: signing out in one tab signs out
 * every tab; signing in again lets tabs that showed "session expired" pick the new session up;
 * switching organization makes the other tabs load the session (and their data) again.
 */
@Service()
export class SessionChannel {
  private readonly channel = inject(BROADCAST_CHANNEL_FACTORY)(SESSION_CHANNEL_NAME);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.channel?.close());
  }

  /** Tells the other tabs (never this one: a channel does not echo to its sender). */
  publish(message: SessionMessage): void {
    this.channel?.postMessage(message);
  }

  /** Calls `handler` for each well-formed message from another tab; returns the unsubscribe. */
  listen(handler: (message: SessionMessage) => void): () => void {
    const channel = this.channel;
    if (channel === null) return () => undefined;
    const listener = (event: { data: unknown }): void => {
      if (isSessionMessage(event.data)) handler(event.data);
    };
    channel.addEventListener('message', listener);
    return () => channel.removeEventListener('message', listener);
  }
}
