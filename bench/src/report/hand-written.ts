/**
 * The line after which `docs/benchmarks.md` is written by hand (analysis a run cannot produce, such
 * as where the BFF's time goes): every run that writes the report keeps it, word for word, after
 * the freshly generated part.
 */
export const HAND_WRITTEN_MARKER =
  '<!-- Written by hand from here on: npm run bench keeps this part as it is. -->';

/** The generated report followed by the hand-written part of `existing` (the file it replaces), if any. */
export function withHandWritten(generated: string, existing: string | undefined): string {
  const at = existing?.indexOf(HAND_WRITTEN_MARKER) ?? -1;
  if (existing === undefined || at < 0) return generated;
  return `${generated.trimEnd()}\n\n${existing.slice(at)}`;
}
