import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/index.js';
import type { BackendConfig } from './config/backend-config.js';
import { CLOCK, systemClock } from './clock.js';
import { BACKEND_CONFIG } from './config/config.tokens.js';
import { HealthModule } from './health/health.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { AppLogger } from './logging/app-logger.js';
import { LoggingModule } from './logging/logging.module.js';
import { MembersModule } from './members/members.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { RolesModule } from './roles/roles.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { unconfiguredWorkosAdmin, type WorkosAdminConfig } from './workos/workos-admin.config.js';
import { WorkosModule } from './workos/workos.module.js';

/** What {@link AppModule.forRoot} needs. */
export interface AppModuleOptions {
  /** Validated configuration (see `loadBackendConfig`). */
  readonly config: BackendConfig;
  /** The app's logger; defaults to JSON on stdout at `info`. */
  readonly logger?: AppLogger;
  /** WorkOS management API settings of the admin routes; without them they answer 503. */
  readonly workosAdmin?: WorkosAdminConfig;
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
        WorkosModule.forRoot(
          options.workosAdmin ??
            unconfiguredWorkosAdmin(options.config.workosClientId, options.config.workosApiBaseUrl),
        ),
        MembersModule,
        InvitationsModule,
        RolesModule,
        SessionsModule,
        OrganizationsModule,
      ],
      providers: [
        { provide: BACKEND_CONFIG, useValue: options.config },
        // The test kit replaces it with a FakeClock's.
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [BACKEND_CONFIG, CLOCK],
    };
  }
}
