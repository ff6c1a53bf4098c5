import { Module } from '@nestjs/common';
import { AdminApiModule } from '../admin-api/admin-api.module.js';
import { MembersModule } from '../members/members.module.js';
import { MemberSessionsController } from './member-sessions.controller.js';
import { MySessionsController } from './my-sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { UserSessionsReader } from './user-sessions.reader.js';

/** `/me/sessions` and `/members/:membershipId/sessions`. */
@Module({
  imports: [AdminApiModule, MembersModule],
  controllers: [MySessionsController, MemberSessionsController],
  providers: [SessionsService, UserSessionsReader],
})
export class SessionsModule {}
