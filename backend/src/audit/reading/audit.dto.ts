import { ApiProperty } from '@nestjs/swagger';
import type { AuditEvent } from '../audit-event.js';
import { AUDIT_OUTCOMES, type AuditOutcome, type AuditSource } from '../database/audit-schema.js';
import type { DenialCount } from '../database/audit-denial.repository.js';
import { encodeCursor } from './audit-cursor.js';

export class AuditActorDto {
  @ApiProperty({ type: String, nullable: true }) readonly id!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly email!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Impersonating admin (act.sub)' })
  readonly impersonator!: string | null;
}

export class AuditTargetDto {
  @ApiProperty({ example: 'membership' }) readonly type!: string;
  @ApiProperty({ example: 'om_01H...' }) readonly id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'max@example.com' })
  readonly label!: string | null;
}

export class AuditRequestDto {
  @ApiProperty({ type: String, nullable: true }) readonly requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly clientIp!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly userAgent!: string | null;
}

/** One audit event as the API shows it. */
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ description: 'ISO 8601' }) readonly occurredAt!: string;
  @ApiProperty({ type: String, nullable: true }) readonly organizationId!: string | null;
  @ApiProperty({ enum: ['admin', 'workos', 'token'] }) readonly source!: AuditSource;
  @ApiProperty({ type: AuditActorDto }) readonly actor!: AuditActorDto;
  @ApiProperty({ example: 'member.role_changed' }) readonly action!: string;
  @ApiProperty({ type: AuditTargetDto, nullable: true }) readonly target!: AuditTargetDto | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) readonly outcome!: AuditOutcome;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'before, after, error…' })
  readonly details!: Readonly<Record<string, unknown>>;
  @ApiProperty({ type: AuditRequestDto }) readonly request!: AuditRequestDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When a pending entry got its outcome',
  })
  readonly completedAt!: string | null;

  static from(event: AuditEvent): AuditEventDto {
    return {
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      organizationId: event.organizationId,
      source: event.source,
      actor: event.actor,
      action: event.action,
      target: event.target && { ...event.target, label: event.target.label ?? null },
      outcome: event.outcome,
      details: event.details,
      request: event.request,
      completedAt: event.completedAt?.toISOString() ?? null,
    };
  }
}

/** `GET /audit`: a page of events, newest first. */
export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) readonly events!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  readonly nextCursor!: string | null;

  static from(page: {
    events: readonly AuditEvent[];
    next: { occurredAt: Date; id: string } | null;
  }): AuditPageDto {
    return {
      events: page.events.map((event) => AuditEventDto.from(event)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }
}

/** Refused requests of one kind in one minute. */
export class DenialCountDto {
  @ApiProperty({ description: 'Start of the minute, ISO 8601' }) readonly minute!: string;
  @ApiProperty({ enum: [401, 403] }) readonly status!: 401 | 403;
  @ApiProperty({ example: 'insufficient_scope' }) readonly code!: string;
  @ApiProperty({ example: 'GET /audit' }) readonly route!: string;
  @ApiProperty({ example: 'permission:audit:read' }) readonly missing!: string;
  @ApiProperty() readonly count!: number;

  static from(denial: DenialCount): DenialCountDto {
    return {
      minute: denial.minute.toISOString(),
      status: denial.status,
      code: denial.code,
      route: denial.route,
      missing: denial.missing,
      count: denial.count,
    };
  }
}

/** `GET /audit/denials`. */
export class DenialCountsDto {
  @ApiProperty({ type: [DenialCountDto] }) readonly denials!: DenialCountDto[];
}

/** 400: the query string was rejected; `fields` says why, per parameter. */
export class AuditQueryErrorDto {
  @ApiProperty({ example: 400 }) readonly statusCode!: 400;
  @ApiProperty({ example: 'Bad Request' }) readonly error!: 'Bad Request';
  @ApiProperty({ example: 'invalid_query' }) readonly code!: 'invalid_query';
  @ApiProperty() readonly message!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { limit: ['must be between 1 and 200'] },
  })
  readonly fields!: Record<string, string[]>;
}
