/** Milliseconds since the epoch. Injected so tests can move time (JWKS cooldowns, token expiry). */
export type Clock = () => number;

/** The real wall clock. */
export const systemClock: Clock = () => Date.now();

/** Nest injection token of the app's {@link Clock}: `@Inject(CLOCK) clock: Clock`. */
export const CLOCK = Symbol('Clock');
