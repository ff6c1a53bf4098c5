/** Milliseconds since the epoch. Injected so tests can move time (idle/absolute timeouts, token expiry). */
export type Clock = () => number;

/** The real wall clock. */
export const systemClock: Clock = () => Date.now();
