import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { BackendConfig } from './config/backend-config.js';
import { BACKEND_CONFIG } from './config/config.tokens.js';
import { HealthModule } from './health/health.module.js';
import { AppLogger } from './logging/app-logger.js';
import { LoggingModule } from './logging/logging.module.js';

/** What {@link AppModule.forRoot} needs. */
export interface AppModuleOptions {
  /** Validated configuration (see `loadBackendConfig`). */
  readonly config: BackendConfig;
  /** The app's logger; defaults to JSON on stdout at `info`. */
  readonly logger?: AppLogger;
}

/**
 * The backend's root module. Configuration is passed in rather than read from `process.env` here,
 * so several backends with different settings can run in one process (tests, the e2e stack).
 */
@Module({})
export class AppModule {
  /** The root module for one backend instance. */
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // Exposes the validated values through ConfigService too (`config.get('backend')`). The
        // env schema runs in loadBackendConfig: ConfigModule's own `validate` hook reads and writes
        // process.env, which would leak one in-process backend's settings into the next.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [() => ({ backend: options.config })],
        }),
        LoggingModule.forRoot(options.logger ?? new AppLogger()),
        AuthModule,
        HealthModule,
        AdminModule,
        AuditModule,
      ],
      providers: [{ provide: BACKEND_CONFIG, useValue: options.config }],
      exports: [BACKEND_CONFIG],
    };
  }
}
