import {
  DEFAULT_DENIAL_SETTINGS,
  type AuditConfig,
  type AuditStoreConfig,
} from '../../../src/audit/audit.config.js';

/** An audit configuration for a test app on `store`. */
export function auditConfig(
  store: AuditStoreConfig,
  overrides: Partial<AuditConfig> = {},
): AuditConfig {
  return {
    store,
    migrateOnStart: true,
    retentionDays: 365,
    denials: DEFAULT_DENIAL_SETTINGS,
    ...overrides,
  };
}
