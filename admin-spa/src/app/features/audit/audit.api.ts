import { HttpClient, type HttpResponse } from '@angular/common/http';
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

  /**
   * The CSV export of every event the filters select (no paging). Fetched rather than linked: the
   * BFF asks every `/api` request for its CSRF header, which a plain link cannot send.
   */
  exportCsv(query: AuditApiQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/audit/export.csv', {
      params: queryParams(query),
      responseType: 'blob',
      observe: 'response',
    });
  }
}

/** The file name the export's `Content-Disposition` gives, else `audit.csv`. */
export function csvFileName(contentDisposition: string | null): string {
  const name = /filename="?([A-Za-z0-9_.-]+)"?/i.exec(contentDisposition ?? '')?.[1];
  return name?.endsWith('.csv') ? name : 'audit.csv';
}
