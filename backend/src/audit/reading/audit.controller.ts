import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../../auth/index.js';
import { AuditStore } from '../audit-store.js';
import { AuditUnavailableError } from '../audit-unavailable.error.js';
import { isAuditEventId } from './audit-cursor.js';
import { auditCsvStream } from './audit-csv.js';
import {
  AuditEventDto,
  AuditPageDto,
  AuditQueryErrorDto,
  DenialCountDto,
  DenialCountsDto,
} from './audit.dto.js';
import {
  parseDenialsQuery,
  parseExportQuery,
  parseListQuery,
  type Parsed,
  type QueryFieldErrors,
} from './audit-query.js';

/** The permission every audit route needs. */
export const AUDIT_READ_PERMISSION = 'audit:read';

/** Rows per database query while exporting. */
const EXPORT_BATCH = 1_000;

function valid<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  const fields: QueryFieldErrors = parsed.fields;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'invalid_query',
    message: 'The query parameters are invalid.',
    fields,
  });
}

/** The caller's organization, from the verified token; the audit is per organization. */
function organizationOf(user: AuthenticatedUser): string {
  if (user.organizationId) return user.organizationId;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    code: 'organization_required',
    message: 'The audit trail is read within an organization; sign in to one.',
  });
}

/**
 * Reading the audit trail: the caller's organization only (taken from the verified token, never
 * from the request), for holders of `audit:read`. No route changes or deletes an entry.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid token (body.code says why).' })
@ApiForbiddenResponse({ description: 'No audit:read permission, or no organization.' })
@ApiServiceUnavailableResponse({ description: 'The audit database is unavailable.' })
@Permissions({ anyOf: [AUDIT_READ_PERMISSION] })
@Controller('audit')
export class AuditController {
  constructor(private readonly store: AuditStore) {}

  /** Events newest first, filtered, one page at a time (`nextCursor`). */
  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ type: AuditQueryErrorDto })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: unknown,
  ): Promise<AuditPageDto> {
    const organizationId = organizationOf(user);
    const { filter, limit, after } = valid(parseListQuery(query));
    const { events } = await this.store.repositories();
    return AuditPageDto.from(await events.page({ ...filter, organizationId }, { limit, after }));
  }

  /** The filtered range as CSV, streamed newest first. */
  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row; formula-like cells are neutralised.' })
  @ApiBadRequestResponse({ type: AuditQueryErrorDto })
  async exportCsv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const organizationId = organizationOf(user);
    const filter = valid(parseExportQuery(query));
    const { events } = await this.store.repositories();
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const fileName = `audit-${organizationId.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(
        auditCsvStream(events.batches({ ...filter, organizationId }, EXPORT_BATCH)),
        res,
      );
    } catch (error) {
      // Before the first byte this is a 503; after it the response is destroyed: the client sees
      // a broken download, never a shorter file that looks complete.
      if (res.headersSent) res.destroy();
      else throw new AuditUnavailableError('the export failed', { cause: error });
    }
  }

  /** Refused requests (401/403) counted per minute, code and route, newest first. */
  @Get('denials')
  @ApiOkResponse({ type: DenialCountsDto })
  @ApiBadRequestResponse({ type: AuditQueryErrorDto })
  async denials(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: unknown,
  ): Promise<DenialCountsDto> {
    const organizationId = organizationOf(user);
    const range = valid(parseDenialsQuery(query));
    const { denials } = await this.store.repositories();
    const counts = await denials.list(organizationId, range);
    return { denials: counts.map((denial) => DenialCountDto.from(denial)) };
  }

  /** One event of the caller's organization (404 for any other id). */
  @Get(':id')
  @ApiOkResponse({ type: AuditEventDto })
  @ApiNotFoundResponse({ description: 'No such event in your organization.' })
  async one(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<AuditEventDto> {
    const organizationId = organizationOf(user);
    const event = isAuditEventId(id)
      ? await (await this.store.repositories()).events.findById(organizationId, id)
      : undefined;
    if (!event) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        code: 'audit_event_not_found',
        message: 'No such audit event in your organization.',
      });
    }
    return AuditEventDto.from(event);
  }
}
