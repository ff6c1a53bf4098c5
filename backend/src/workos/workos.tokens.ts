/** Injection token of the validated {@link WorkosAdminConfig}. */
export const WORKOS_ADMIN_CONFIG = Symbol('WORKOS_ADMIN_CONFIG');
/** Injection token of the admin API's WorkOS SDK instance (`WorkOS | null`, null without a key). */
export const WORKOS_ADMIN_SDK = Symbol('WORKOS_ADMIN_SDK');
