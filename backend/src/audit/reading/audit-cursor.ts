import { z } from 'zod';
import type { AuditCursor } from '../audit-event.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a canonical (lower-case) UUID, the only id form the trail hands out. */
export function isAuditEventId(value: string): boolean {
  return UUID.test(value);
}

const cursorSchema = z.strictObject({
  t: z.number().int().min(0).max(8_640_000_000_000_000),
  id: z.string().regex(UUID),
});

/** The opaque `nextCursor` string of a position. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.occurredAt.getTime(), id: cursor.id })).toString(
    'base64url',
  );
}

/** The position an opaque cursor names, or undefined when it is not one of ours. */
export function decodeCursor(value: string): AuditCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(value)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? { occurredAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
}
