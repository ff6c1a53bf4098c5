import { Module } from '@nestjs/common';
import { AdminApiModule } from '../admin-api/admin-api.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';

/** `/invitations` routes. */
@Module({
  imports: [AdminApiModule, RolesModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
})
export class InvitationsModule {}
