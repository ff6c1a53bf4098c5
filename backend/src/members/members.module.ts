import { Module } from '@nestjs/common';
import { AdminApiModule } from '../admin-api/admin-api.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { MembershipDirectory } from './membership.directory.js';

/** Members routes; exports {@link MembershipDirectory} for the member-sessions routes. */
@Module({
  imports: [AdminApiModule, RolesModule],
  controllers: [MembersController],
  providers: [MembersService, MembershipDirectory],
  exports: [MembershipDirectory],
})
export class MembersModule {}
