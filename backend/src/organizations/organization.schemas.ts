import { z } from 'zod';

/** One organization the caller belongs to (an active membership), for the organization switcher. */
export const myOrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string().meta({ description: "The caller's primary role there" }),
    current: z.boolean().meta({ description: "The organization of the request's access token" }),
  })
  .meta({ id: 'MyOrganization' });
export type MyOrganization = z.infer<typeof myOrganizationSchema>;

export const myOrganizationListSchema = z
  .object({ data: z.array(myOrganizationSchema) })
  .meta({ id: 'MyOrganizationList' });
export type MyOrganizationList = z.infer<typeof myOrganizationListSchema>;
