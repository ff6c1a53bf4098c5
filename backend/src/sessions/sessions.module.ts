import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module.js';
import { MemberSessionsController } from './member-sessions.controller.js';
import { MySessionsController } from './my-sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { UserSessionsReader } from './user-sessions.reader.js';

/** `/me/sessions` and `/members/:membershipId/sessions`. */
@Module({
  imports: [MembersModule],
  controllers: [MySessionsController, MemberSessionsController],
  providers: [SessionsService, UserSessionsReader],
})
export class SessionsModule {}
