import { z } from 'zod';
import { workosId } from '../admin-api/query.schemas.js';

/** A signed-in WorkOS session (one browser or device). */
export const sessionSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    organizationId: z.string().nullable(),
    authMethod: z.string().meta({ example: 'password' }),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable().meta({ description: 'As the browser sent it at sign-in' }),
    impersonatorEmail: z
      .string()
      .nullable()
      .meta({ description: 'Set when an admin signed in as this user' }),
    createdAt: z.string(),
    lastActiveAt: z.string().meta({ description: 'Last change WorkOS recorded (e.g. a refresh)' }),
    expiresAt: z.string(),
    current: z.boolean().meta({ description: "The session of the request's own access token" }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

/** Active sessions, newest first. */
export const sessionListSchema = z
  .object({ data: z.array(sessionSchema) })
  .meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof sessionListSchema>;

/** The `:sessionId` path parameter. */
export const sessionIdSchema = workosId('session');
