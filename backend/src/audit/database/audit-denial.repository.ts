import { sql } from 'kysely';
import type { AuditDatabase } from './audit-database.js';
import { pruneInChunks, vacuumEmbedded } from './prune.js';

/** Refused requests of one kind in one minute. */
export interface DenialCount {
  /** The start of the minute (UTC). */
  readonly minute: Date;
  /** Null when not known: a 401's token was not trusted, so its claims are not used. */
  readonly organizationId: string | null;
  readonly status: 401 | 403;
  /** The error code: `token_expired`, `signature_invalid`, …, `insufficient_scope`. */
  readonly code: string;
  /** The route pattern, e.g. `GET /audit/:id`. */
  readonly route: string;
  /** For 403: what the caller lacked, e.g. `permission:audit:read`; empty otherwise. */
  readonly missing: string;
  readonly count: number;
}

/** Rows per upsert statement (8 parameters a row). */
const UPSERT_CHUNK = 1_000;

/**
 * Stores denial counts: an upsert adds to the row of the same (organization, minute, status, code,
 * route, missing), so a flood of bad tokens is a few rows with large counts. Counts only grow.
 */
export class AuditDenialRepository {
  constructor(private readonly database: AuditDatabase) {}

  /** Adds the counts. Keys must be distinct within one call. */
  async add(counts: readonly DenialCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < counts.length; i += UPSERT_CHUNK) {
        const rows = counts.slice(i, i + UPSERT_CHUNK).map((c) => ({
          minute: c.minute,
          organization_id: c.organizationId ?? '',
          status: c.status,
          code: c.code,
          route: c.route,
          missing: c.missing,
          count: c.count,
        }));
        await trx
          .insertInto('audit_denials')
          .values(rows)
          .onConflict((oc) =>
            oc
              .constraint('audit_denials_key')
              .doUpdateSet({ count: sql<number>`audit_denials.count + excluded.count` }),
          )
          .execute();
      }
    });
  }

  /** The organization's counts, newest minute first; `null` reads those with no organization. */
  async list(
    organizationId: string | null,
    range: { readonly from?: Date; readonly to?: Date; readonly limit: number },
  ): Promise<DenialCount[]> {
    let query = this.database.db
      .selectFrom('audit_denials')
      .selectAll()
      .where('organization_id', '=', organizationId ?? '');
    if (range.from) query = query.where('minute', '>=', range.from);
    if (range.to) query = query.where('minute', '<', range.to);
    const rows = await query
      .orderBy('minute', 'desc')
      .orderBy('count', 'desc')
      .orderBy('route')
      .limit(range.limit)
      .execute();
    return rows.map((row) => ({
      minute: row.minute,
      organizationId: row.organization_id === '' ? null : row.organization_id,
      status: row.status as 401 | 403,
      code: row.code,
      route: row.route,
      missing: row.missing,
      count: Number(row.count),
    }));
  }

  /** Deletes counts of minutes before `cutoff`; returns how many rows. */
  async prune(cutoff: Date): Promise<number> {
    const deleted = await pruneInChunks(this.database.db, (trx, chunk) =>
      trx
        .deleteFrom('audit_denials')
        .where((eb) =>
          eb(
            sql.ref('ctid'),
            'in',
            eb
              .selectFrom('audit_denials')
              .select(sql<string>`ctid`.as('ctid'))
              .where('minute', '<', cutoff)
              .limit(chunk),
          ),
        )
        .executeTakeFirst(),
    );
    await vacuumEmbedded(this.database, 'audit_denials');
    return deleted;
  }
}
