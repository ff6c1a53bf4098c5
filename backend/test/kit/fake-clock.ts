import type { Clock } from '../../src/clock.js';

/** A clock tests move by hand (cooldowns, cache expiry). Starts at the real time. */
export class FakeClock {
  private current = Date.now();

  /** The {@link Clock} the app reads (`createTestApp({ clock })` installs it). */
  readonly now: Clock = () => this.current;

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
}
