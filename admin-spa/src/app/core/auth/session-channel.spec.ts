import { TestBed } from '@angular/core/testing';

import {
  BROADCAST_CHANNEL_FACTORY,
  type BroadcastChannelLike,
  SessionChannel,
} from './session-channel';

describe('SessionChannel', () => {
  it('does nothing (and does not fail) where the browser has no BroadcastChannel', () => {
    TestBed.configureTestingModule({
      providers: [{ provide: BROADCAST_CHANNEL_FACTORY, useValue: () => null }],
    });
    const channel = TestBed.inject(SessionChannel);
    expect(() => channel.publish({ type: 'signed-out' })).not.toThrow();
    const stop = channel.listen(() => undefined);
    expect(() => stop()).not.toThrow();
  });

  it('closes its channel when the app is destroyed', () => {
    const close = jest.fn();
    const fake: BroadcastChannelLike = {
      postMessage: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      close,
    };
    TestBed.configureTestingModule({
      providers: [{ provide: BROADCAST_CHANNEL_FACTORY, useValue: () => fake }],
    });
    TestBed.inject(SessionChannel);
    TestBed.resetTestingModule();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
