/** A millisecond clock; tests inject their own to move time. */
export type Clock = () => number;

/** Seconds since the epoch for a clock reading. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}

/** ISO 8601 timestamp for a clock reading. */
export function isoNow(clock: Clock): string {
  return new Date(clock()).toISOString();
}
