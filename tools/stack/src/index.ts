export { formatBanner, seededUserLines, type BannerInput } from './banner.js';
export { loadOrCreateDevSecrets, type DevSecrets } from './dev-secrets.js';
export { devStackOptions, StackConfigError } from './dev-options.js';
export {
  IdentityProviderConfigError,
  resolveIdentityProvider,
  type IdentityProvider,
} from './identity-provider.js';
export { prefixedConsoleSink } from './log-sink.js';
export { assertPortFree, findFreePort, PortInUseError } from './ports.js';
export {
  ServiceProcess,
  ServiceStartError,
  type LogSink,
  type ServiceSpec,
} from './service-process.js';
export {
  startStack,
  stackSeed,
  stackServiceSpecs,
  type RunningStack,
  type ServiceName,
  servicePort,
  type StackClient,
  type StackOptions,
} from './stack.js';
export { assertRedisReachable, RedisUnreachableError } from './redis-check.js';
