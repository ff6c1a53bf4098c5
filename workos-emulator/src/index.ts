/**
 * `@gatehouse/workos-emulator`: a local, offline WorkOS AuthKit server for development and tests. Never for production.
 */
export { createEmulator } from './emulator.js';
export type {
  AuditLogEventRecord,
  Emulator,
  EmulatorOptions,
  IssueSessionInput,
  IssuedSession,
} from './emulator.types.js';
export { EmulatorUsageError } from './emulator.types.js';
export type { Fault } from './http/faults.js';
export type { EmulatorStats } from './http/stats.js';
export type { EndpointName } from './http/endpoints.js';
export { ENDPOINTS } from './http/endpoints.js';
export type { JwksKey, JwksResponse } from './keys/key.store.js';
export type { OrgClaims, UserlandUser } from './seed/directory.js';
export type {
  Seed,
  SeedClient,
  SeedImpersonator,
  SeedMembership,
  SeedOrganization,
  SeedRole,
  SeedUser,
  SeedWebhook,
} from './seed/seed.types.js';
export type { SeededUserInfo } from './seed/default-seed.js';
export {
  ADA,
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  GRACE,
  MAX,
  SAM,
  defaultSeed,
  seededUsers,
} from './seed/default-seed.js';
export { loadSeedFile } from './seed/seed.loader.js';
export { SeedError, validateSeed } from './seed/seed.validate.js';
export { signWebhook } from './webhooks/webhook-signature.js';
export type { WorkOSEvent, WorkOSEvent as WebhookEvent } from './events/event.types.js';
export type { WebhookEndpoint, WebhookStats } from './webhooks/webhook.sender.js';
export { DEFAULT_WEBHOOK_EVENTS } from './webhooks/webhook.sender.js';
export type { AuthenticateResponseBody } from './sessions/session.service.js';
export {
  completeSignIn,
  SignInError,
  type CompleteSignInOptions,
} from './testing/complete-sign-in.js';
