import { z } from 'zod';
import {
  listMetadataSchema,
  ONE_CURSOR_MESSAGE,
  oneCursorAtMost,
  paginationQuery,
  workosId,
} from '../admin-api/query.schemas.js';

/**
 * An invitation to the caller's organization. The accept token and link are never returned: they
 * let whoever holds them join as the invited email.
 */
export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    state: z.enum(['pending', 'accepted', 'expired', 'revoked']),
    roleSlug: z.string().nullable(),
    inviterUserId: z.string().nullable(),
    acceptedUserId: z.string().nullable(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

/** `GET /invitations`: newest first, every state. */
export const invitationPageSchema = z
  .object({ data: z.array(invitationSchema), listMetadata: listMetadataSchema })
  .meta({ id: 'InvitationPage' });
export type InvitationPage = z.infer<typeof invitationPageSchema>;

export const listInvitationsQuerySchema = paginationQuery('invitation').refine(
  oneCursorAtMost,
  ONE_CURSOR_MESSAGE,
);
export type ListInvitationsQuery = z.infer<typeof listInvitationsQuerySchema>;

/** The `:invitationId` path parameter. */
export const invitationIdSchema = workosId('invitation');

/** `POST /invitations`. */
export const sendInvitationBodySchema = z
  .strictObject({
    email: z.email('must be an email address').max(320),
    roleSlug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_:-]{0,63}$/, 'must be a role slug such as "member"')
      .meta({ description: 'One of `GET /roles`' }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(30)
      .optional()
      .meta({ description: 'Days until the invitation expires (WorkOS default 7)' }),
  })
  .meta({ id: 'SendInvitationRequest' });
export type SendInvitationBody = z.infer<typeof sendInvitationBodySchema>;
