import type { Provider } from '@angular/core';

import {
  BROADCAST_CHANNEL_FACTORY,
  type BroadcastChannelLike,
} from '../app/core/auth/session-channel';

/** The cross-tab channel replaced by one that appends every posted message to `published`. */
export function provideRecordingChannel(published: unknown[]): Provider {
  const channel: BroadcastChannelLike = {
    postMessage: (message) => published.push(message),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    close: () => undefined,
  };
  return { provide: BROADCAST_CHANNEL_FACTORY, useValue: () => channel };
}
