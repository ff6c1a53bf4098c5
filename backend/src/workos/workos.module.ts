import { Module, type DynamicModule } from '@nestjs/common';
import { createWorkosAdminClient } from './workos-admin.client.js';
import type { WorkosAdminConfig } from './workos-admin.config.js';
import { WorkosGateway } from './workos.gateway.js';
import { WORKOS_ADMIN_CONFIG, WORKOS_ADMIN_SDK } from './workos.tokens.js';

/**
 * The WorkOS management API client of the admin console features (global): the SDK instance built
 * from {@link WorkosAdminConfig} and the {@link WorkosGateway} every feature calls it through.
 */
@Module({})
export class WorkosModule {
  static forRoot(config: WorkosAdminConfig): DynamicModule {
    return {
      module: WorkosModule,
      global: true,
      providers: [
        { provide: WORKOS_ADMIN_CONFIG, useValue: config },
        {
          provide: WORKOS_ADMIN_SDK,
          useFactory: (c: WorkosAdminConfig) => createWorkosAdminClient(c),
          inject: [WORKOS_ADMIN_CONFIG],
        },
        WorkosGateway,
      ],
      exports: [WORKOS_ADMIN_CONFIG, WorkosGateway],
    };
  }
}
