/** Time source, injectable so cooldowns can be tested without sleeping. */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;
}

/** The wall clock. */
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
