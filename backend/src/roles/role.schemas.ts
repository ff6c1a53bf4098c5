import { z } from 'zod';

/** One role an organization's members can hold (environment roles and the organization's own). */
export const roleSchema = z
  .object({
    slug: z.string().meta({ example: 'admin' }),
    name: z.string().meta({ example: 'Admin' }),
    description: z.string().nullable(),
    permissions: z.array(z.string()).meta({ example: ['users:read', 'users:write'] }),
    type: z.enum(['environment', 'organization']).meta({
      description: '`environment`: defined for every organization; `organization`: this one only',
    }),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;

/** `GET /roles`: in WorkOS priority order (highest first); not paginated. */
export const roleListSchema = z.object({ data: z.array(roleSchema) }).meta({ id: 'RoleList' });
export type RoleList = z.infer<typeof roleListSchema>;
