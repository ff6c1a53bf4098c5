import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Observable } from 'rxjs';

import type { components } from '../../core/api/api-types.generated';
import { queryParams } from '../../core/api/query-params';
import type { AuditApiQuery } from './audit-filters';

export type AuditEvent = components['schemas']['AuditEventDto'];
export type AuditPage = components['schemas']['AuditPageDto'];
export type AuditOutcome = AuditEvent['outcome'];
export type DenialCount = components['schemas']['DenialCountDto'];
export type DenialCounts = components['schemas']['DenialCountsDto'];

/** Where the BFF serves the CSV export; the browser downloads it with its session cookie. */
const EXPORT_PATH = '/api/audit/export.csv';

/** The audit trail of the current organization (`/api/audit…`, `audit:read`). */
@Service()
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** One page of events, newest first; `cursor` is the previous page's `nextCursor`. */
  list(query: AuditApiQuery & { cursor?: string; limit?: number }): Observable<AuditPage> {
    return this.http.get<AuditPage>('/api/audit', { params: queryParams(query) });
  }

  /** One event of this organization (404 for any other id). */
  event(id: string): Observable<AuditEvent> {
    return this.http.get<AuditEvent>(`/api/audit/${encodeURIComponent(id)}`);
  }

  /** Refused requests counted per minute, code and route, newest first. */
  denials(limit: number): Observable<DenialCounts> {
    return this.http.get<DenialCounts>('/api/audit/denials', { params: queryParams({ limit }) });
  }

  /** The URL of the CSV export of every event the filters select (a plain link, no paging). */
  exportUrl(query: AuditApiQuery): string {
    const search = queryParams(query).toString();
    return search ? `${EXPORT_PATH}?${search}` : EXPORT_PATH;
  }
}
