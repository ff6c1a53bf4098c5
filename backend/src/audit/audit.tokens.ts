/** Injection token of the {@link AuditConfig} the module runs with. */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/**
 * Injection token of the trail's time source: a function returning milliseconds since the epoch
 * (`Date.now` by default; tests pass their own).
 */
export const AUDIT_NOW = Symbol('AUDIT_NOW');

/** The trail's time source. */
export type AuditNow = () => number;
