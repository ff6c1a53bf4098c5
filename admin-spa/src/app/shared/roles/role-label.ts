/**
 * A role slug as people read it ("billing-admin" → "Billing admin"), for places that know only the
 * slug. Where the organization's role list is loaded, its `name` is used instead.
 */
export function roleLabel(slug: string | null | undefined): string {
  if (!slug) return 'No role';
  const words = slug.replace(/[-_:]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
