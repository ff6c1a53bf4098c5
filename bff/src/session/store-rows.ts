import type { SessionEndReason } from './session.types.js';

/** What a store keeps per session, whatever the backend: the sealed value and its token generation. */
export interface StoredRow {
  /** `auth.accessExpiresAt` (0 without auth): orders token generations, not secret. */
  readonly at: number;
  /** The sealed session JSON (see `SessionCrypto.seal`). */
  readonly box: string;
}

/** What the index entries of a row hold. */
export interface RowIndex {
  /** The WorkOS session id (not a credential; needed to revoke it at WorkOS). */
  readonly workosSessionId: string;
  /** Keyed hash of the WorkOS session id. */
  readonly workosSessionKey: string;
  /** Keyed hash of the user id. */
  readonly userKey: string;
}

/** One conditional write (see `GatehouseStore.writeRow`). */
export interface RowWrite {
  /** The store key under the newest password. */
  readonly key: string;
  readonly row: StoredRow;
  /** When the row stops being valid, ms since the epoch (deadline + grace). */
  readonly expiresAt: number;
  readonly index: RowIndex | undefined;
  /** The session's store keys under every password: a tombstone on any refuses the write. */
  readonly tombstoneKeys: readonly string[];
  /** Its store keys under previous passwords: their rows are deleted (the session moves). */
  readonly previousKeys: readonly string[];
}

/**
 * `ok`: written. `gone`: the session was destroyed (tombstone), nothing written. `changed`: the
 * stored row holds a later token generation than the write, nothing written: re-read and retry.
 */
export type WriteOutcome = 'ok' | 'gone' | 'changed';

/** A tombstone reason: `ended` for a plain destroy (logout, timeout), else a {@link SessionEndReason}. */
export type TombstoneReason = 'ended' | SessionEndReason;

/** Which index to look a hash up in. */
export type IndexSelector = { readonly workosSessionKey: string } | { readonly userKey: string };

/** A live row found through an index. */
export interface IndexedRow {
  readonly key: string;
  /** Known from the user index; the WorkOS-session index holds keys only. */
  readonly workosSessionId?: string;
}

/** True when `row` may replace `stored`: never a row of an older token generation. */
export function mayReplace(stored: StoredRow | undefined, row: StoredRow): boolean {
  return stored === undefined || stored.at <= row.at;
}
