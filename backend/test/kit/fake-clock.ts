import { Clock } from '../../src/auth/clock.js';

/** A clock tests move by hand (cooldowns, cache expiry). Starts at the real time. */
export class FakeClock extends Clock {
  private current = Date.now();

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
}
