import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../../../src/auth/index.js';
import type { AuditRequestContext } from '../../../src/audit/audit-event.js';
import { AuditModule } from '../../../src/audit/audit.module.js';
import { AuditRequest } from '../../../src/audit/recording/request-context.js';
import { actorOf, AuditTrail } from '../../../src/audit/recording/audit-trail.service.js';

/** The action under audit (WorkOS's role update in the admin console): records the calls that reached it. */
export class MembershipRolesFixture {
  readonly calls: { membershipId: string; role: string }[] = [];
  roles = new Map<string, string>([['om_max', 'member']]);
  fail = false;

  update(membershipId: string, role: string): { role: string } {
    this.calls.push({ membershipId, role });
    if (this.fail) throw new Error('WorkOS said no');
    this.roles.set(membershipId, role);
    return { role };
  }
}

/**
 * How the admin console records an action (see docs/audit.md): `begin` before WorkOS is called —
 * when it throws, the 503 refuses the action and WorkOS is never reached — then `complete`.
 */
@Controller('fixture/members')
export class AuditedActionController {
  constructor(
    private readonly trail: AuditTrail,
    private readonly directory: MembershipRolesFixture,
  ) {}

  @Post(':id/role')
  @HttpCode(200)
  @Permissions({ anyOf: ['members:manage'] })
  async changeRole(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('id') id: string,
    @Body() body: { role: string },
  ): Promise<{ role: string }> {
    const before = { role: this.directory.roles.get(id) ?? null };
    const entry = await this.trail.begin({
      actor: actorOf(user, 'ada@example.com'),
      organizationId: user.organizationId ?? '',
      action: 'member.role_changed',
      target: { type: 'membership', id, label: 'max@example.com' },
      before,
      request,
    });
    try {
      const after = this.directory.update(id, body.role);
      await this.trail.complete(entry, { outcome: 'succeeded', after });
      return after;
    } catch (error) {
      await this.trail.complete(entry, {
        outcome: 'failed',
        error: { message: (error as Error).message },
      });
      throw error;
    }
  }
}

/** The fixture module; `directory` is shared with the test. */
export function auditedActionModule(directory: MembershipRolesFixture) {
  @Module({
    imports: [AuditModule],
    controllers: [AuditedActionController],
    providers: [{ provide: MembershipRolesFixture, useValue: directory }],
  })
  class AuditedActionModule {}
  return AuditedActionModule;
}
