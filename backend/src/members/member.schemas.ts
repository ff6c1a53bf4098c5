import { z } from 'zod';
import {
  listMetadataSchema,
  ONE_CURSOR_MESSAGE,
  oneCursorAtMost,
  paginationQuery,
  workosId,
} from '../admin-api/query.schemas.js';

/** A member of the caller's organization: the WorkOS membership joined with its user. */
export const memberSchema = z
  .object({
    id: z.string().meta({ description: 'Membership id (`om_…`): the id of every member route' }),
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable().meta({ description: 'Display name, null when WorkOS has none' }),
    roleSlug: z.string().meta({ description: 'Primary role' }),
    roleSlugs: z.array(z.string()).meta({ description: 'Every role held (primary first)' }),
    status: z.enum(['active', 'inactive', 'pending']),
    createdAt: z.string().meta({ description: 'Membership creation, ISO 8601' }),
    lastSignInAt: z.string().nullable(),
    isCurrentUser: z.boolean().meta({ description: 'The caller themselves' }),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof memberSchema>;

/** `GET /members`: newest membership first. */
export const memberPageSchema = z
  .object({ data: z.array(memberSchema), listMetadata: listMetadataSchema })
  .meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof memberPageSchema>;

/** `GET /members` query: cursor pagination over membership ids, and an optional search. */
export const listMembersQuerySchema = paginationQuery('om')
  .extend({
    search: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .meta({ description: 'Case-insensitive part of a name or an email; empty lists all' }),
  })
  .refine(oneCursorAtMost, ONE_CURSOR_MESSAGE);
export type ListMembersQuery = z.infer<typeof listMembersQuerySchema>;

/** The `:membershipId` path parameter. */
export const membershipIdSchema = workosId('om');

/** `PATCH /members/:membershipId`. */
export const changeRoleBodySchema = z
  .strictObject({
    roleSlug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_:-]{0,63}$/, 'must be a role slug such as "admin"')
      .meta({ description: 'One of `GET /roles`' }),
  })
  .meta({ id: 'ChangeRoleRequest' });
export type ChangeRoleBody = z.infer<typeof changeRoleBodySchema>;

/** `PATCH /members/:membershipId` answer. */
export const roleChangeSchema = z
  .object({
    member: memberSchema,
    previousRoleSlug: z.string(),
    effective: z.literal('next_token_refresh').meta({
      description:
        "The member's access token carries the new role from its next refresh (within minutes).",
    }),
  })
  .meta({ id: 'RoleChange' });
export type RoleChange = z.infer<typeof roleChangeSchema>;
