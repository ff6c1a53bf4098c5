import type { DatabaseSync } from 'node:sqlite';
import type { Seed } from '../seed/seed.types.js';
import { stableId } from '../util/ids.js';

/** A membership's status: `pending` (invited), `active`, or `inactive` (deactivated, a soft delete). */
export type MembershipStatus = 'active' | 'inactive' | 'pending';

/** An organization membership (`om_…`) with its one role. */
export interface MembershipRecord {
  id: string;
  userId: string;
  organizationId: string;
  roleSlug: string;
  status: MembershipStatus;
  createdAt: number;
  updatedAt: number;
}

interface MembershipRow {
  id: string;
  user_id: string;
  organization_id: string;
  role_slug: string;
  status: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: MembershipRow): MembershipRecord => ({
  id: r.id,
  userId: r.user_id,
  organizationId: r.organization_id,
  roleSlug: r.role_slug,
  status: r.status as MembershipStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Filters of {@link MembershipStore.list}. */
export interface MembershipFilter {
  userId?: string | undefined;
  organizationId?: string | undefined;
  statuses?: readonly MembershipStatus[] | undefined;
}

/** Default creation time of seeded objects without `createdAt`. */
export const SEED_CREATED_AT = Date.parse('2025-01-01T00:00:00.000Z');

/**
 * Organization memberships in the state database. The seed's memberships are written once per data dir (each
 * `user|organization` pair is remembered in `seed_applied`), so changes made through the API, deletions included,
 * survive a restart, while memberships added to the seed file later still appear.
 */
export class MembershipStore {
  constructor(private readonly db: DatabaseSync) {}

  /** Writes the seed's memberships that this database has not seen yet. Seeded ids are stable, in seed order. */
  applySeed(seed: Seed): void {
    let index = 0;
    for (const user of seed.users) {
      const base = user.createdAt === undefined ? SEED_CREATED_AT : Date.parse(user.createdAt);
      for (const m of user.memberships) {
        // One millisecond apart, so the ids (and lists) follow the seed's order.
        const at = base + index;
        index += 1;
        const key = `${user.id}|${m.organizationId}`;
        const fresh = this.db
          .prepare('INSERT OR IGNORE INTO seed_applied (kind, key) VALUES (?, ?)')
          .run('membership', key);
        if (Number(fresh.changes) === 0) continue;
        this.db
          .prepare(
            `INSERT OR IGNORE INTO memberships (id, user_id, organization_id, role_slug, status, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            stableId('om', at, key),
            user.id,
            m.organizationId,
            m.role,
            m.status ?? 'active',
            at,
            at,
          );
      }
    }
  }

  get(id: string): MembershipRecord | undefined {
    const row = this.db.prepare('SELECT * FROM memberships WHERE id = ?').get(id) as unknown as
      MembershipRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  find(userId: string, organizationId: string): MembershipRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM memberships WHERE user_id = ? AND organization_id = ?')
      .get(userId, organizationId) as unknown as MembershipRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  /** Memberships matching every given filter, by id (creation order). */
  list(filter: MembershipFilter): MembershipRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM memberships
         WHERE (?1 IS NULL OR user_id = ?1) AND (?2 IS NULL OR organization_id = ?2) ORDER BY id`,
      )
      .all(filter.userId ?? null, filter.organizationId ?? null) as unknown as MembershipRow[];
    const statuses = filter.statuses;
    return rows.map(toRecord).filter((m) => statuses === undefined || statuses.includes(m.status));
  }

  insert(m: MembershipRecord): void {
    this.db
      .prepare(
        `INSERT INTO memberships (id, user_id, organization_id, role_slug, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.id, m.userId, m.organizationId, m.roleSlug, m.status, m.createdAt, m.updatedAt);
  }

  /** Saves the role, status and update time of an existing membership. */
  update(m: MembershipRecord): void {
    this.db
      .prepare('UPDATE memberships SET role_slug = ?, status = ?, updated_at = ? WHERE id = ?')
      .run(m.roleSlug, m.status, m.updatedAt, m.id);
  }

  delete(id: string): boolean {
    return Number(this.db.prepare('DELETE FROM memberships WHERE id = ?').run(id).changes) > 0;
  }

  /** Forgets every membership and which seed entries were applied (`reset()` then applies the seed again). */
  clear(): void {
    this.db.exec("DELETE FROM memberships; DELETE FROM seed_applied WHERE kind = 'membership';");
  }
}
