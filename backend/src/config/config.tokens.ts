/** Injection token for the validated {@link BackendConfig}. */
export const BACKEND_CONFIG = Symbol('BACKEND_CONFIG');
