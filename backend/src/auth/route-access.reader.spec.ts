import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessCombine, Permissions, Roles } from './decorators/access.decorators.js';
import { Public } from './decorators/public.decorator.js';
import { RouteAccessReader } from './route-access.reader.js';

@Roles({ anyOf: ['member'] })
class MembersController {
  open(): void {}

  @Roles({ allOf: ['admin', 'auditor'] })
  @Permissions({ anyOf: ['audit:read'] })
  @AccessCombine('either')
  audit(): void {}
}

@Public()
class PublicMembersController extends MembersController {}

class PlainController {
  plain(): void {}
}

const context = (controller: object, handler: object) =>
  ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe('RouteAccessReader', () => {
  const reader = new RouteAccessReader(new Reflector());

  it('reads class rules, and handler rules over them', () => {
    expect(reader.of(context(MembersController, MembersController.prototype.open))).toEqual({
      isPublic: false,
      roles: { anyOf: ['member'] },
      permissions: undefined,
      combine: 'both',
      requiresScope: true,
    });
    expect(reader.of(context(MembersController, MembersController.prototype.audit))).toEqual({
      isPublic: false,
      roles: { allOf: ['admin', 'auditor'] },
      permissions: { anyOf: ['audit:read'] },
      combine: 'either',
      requiresScope: true,
    });
  });

  it('reads a route without metadata as guarded and scope-free', () => {
    expect(reader.of(context(PlainController, PlainController.prototype.plain))).toEqual({
      isPublic: false,
      roles: undefined,
      permissions: undefined,
      combine: 'both',
      requiresScope: false,
    });
  });

  it('keeps one frozen answer per route', () => {
    const first = reader.of(context(MembersController, MembersController.prototype.open));
    expect(reader.of(context(MembersController, MembersController.prototype.open))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('keys by class too: an inherited handler gets the subclass metadata', () => {
    const handler = MembersController.prototype.open;
    expect(PublicMembersController.prototype.open).toBe(handler);
    expect(reader.of(context(MembersController, handler)).isPublic).toBe(false);
    expect(reader.of(context(PublicMembersController, handler)).isPublic).toBe(true);
  });
});
