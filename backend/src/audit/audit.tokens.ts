/** Injection token of the {@link AuditConfig} the module runs with. */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
