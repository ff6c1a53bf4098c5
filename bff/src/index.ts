export { createBff, type BffApp, type BffDeps } from './app.js';
export { type Clock, systemClock } from './clock.js';
export { type BffConfig, ConfigError, loadConfig } from './config/config.schema.js';
export { type ApiRoute, ApiRouteError, ApiRouteTable } from './proxy/api-routes.js';
export { BACKEND_API_ROUTES } from './proxy/api-routes.generated.js';
export { type RunningBff, startBff, type StartBffOptions } from './server.js';
export { GatehouseStore, type GatehouseStoreOptions } from './session/gatehouse.store.js';
export {
  type BffSessionStore,
  type RefreshLock,
  type SessionSelector,
  SessionStoreUnavailableError,
} from './session/session-store.types.js';
export { SessionCrypto } from './session/session-crypto.js';
export { type AnyRedisClient, createRedisClient, whenRedisReady } from './session/redis.client.js';
export { RedisSessionStore, type RedisSessionStoreOptions } from './session/redis.store.js';
export type { AuthState, SessionEndReason, SessionUser } from './session/session.types.js';
export { MemorySessionStore } from './session/memory.store.js';
export { SqliteSessionStore } from './session/sqlite.store.js';
