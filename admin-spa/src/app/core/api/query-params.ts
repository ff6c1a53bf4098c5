import { HttpParams } from '@angular/common/http';

/** Query parameters without the unset or empty ones (the backend rejects empty values). */
export function queryParams(
  query: Readonly<Record<string, string | number | undefined>>,
): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params = params.set(key, String(value));
  }
  return params;
}
