import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { AuthSession } from '../../core/auth/auth-session';
import { BrowserDownload } from '../../core/browser/browser-download';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { Notifier } from '../../shared/notify/notifier';
import { Pager, type PageCursors, type PageRequest } from '../../shared/pager/pager';
import { actorDirectory } from './actor-directory';
import { actorLabel, targetLabel } from './audit-actor';
import { AuditDenials } from './audit-denials';
import { AuditFilterForm } from './audit-filter-form';
import { auditFilters, type AuditFilters, hasFilters, sameFilters } from './audit-filters';
import { type AuditEvent, AuditApi, csvFileName } from './audit.api';

/** Events per page. */
export const AUDIT_PAGE_SIZE = 25;

/**
 * The audit trail of the current organization, newest first, for holders of `audit:read`: filters
 * kept in the URL query (a link shows the same selection), pages, one event's details, the CSV
 * export of the selection (fetched through the BFF, saved as a download), and the refused requests.
 */
@Component({
  selector: 'gh-audit',
  imports: [
    AuditDenials,
    AuditFilterForm,
    DatePipe,
    Icon,
    LoadProblem,
    MatButton,
    MatProgressBar,
    Pager,
    RouterLink,
  ],
  templateUrl: './audit.html',
  styleUrl: './audit.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Audit {
  // The URL query, bound by the router.
  readonly actor = input<string>();
  readonly action = input<string>();
  readonly outcome = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly target = input<string>();

  private readonly api = inject(AuditApi);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);
  /** Names for the actors' user ids. */
  private readonly actors = actorDirectory();
  private readonly browserDownload = inject(BrowserDownload);
  private readonly notifier = inject(Notifier);

  protected readonly filters = computed<AuditFilters>(
    () =>
      auditFilters({
        actor: this.actor(),
        action: this.action(),
        outcome: this.outcome(),
        from: this.from(),
        to: this.to(),
        target: this.target(),
      }),
    { equal: sameFilters },
  );
  protected readonly filtered = computed(() => hasFilters(this.filters()));

  /** The cursors that led to the page shown (empty on the first): back to it for other filters. */
  private readonly trail = linkedSignal<unknown, readonly string[]>({
    source: () => [this.filters(), this.session.organizationId()],
    computation: () => [],
  });
  protected readonly events = rxResource({
    params: () => {
      const scope = this.session.dataScope();
      return scope && { ...scope, filters: this.filters(), cursor: this.trail().at(-1) };
    },
    stream: ({ params }) =>
      this.api.list({ ...params.filters, cursor: params.cursor, limit: AUDIT_PAGE_SIZE }),
  });
  protected readonly problem = computed(() => {
    const error = this.events.error();
    return error ? apiProblem(error, 'The audit trail could not be loaded.') : null;
  });
  protected readonly cursors = computed<PageCursors>(() => ({
    before: this.trail().length > 0 ? 'previous' : null,
    after: this.events.hasValue() ? this.events.value().nextCursor : null,
  }));
  /** While the CSV export downloads. */
  protected readonly exporting = signal(false);

  constructor() {
    inject(ServiceStatus).onRetry(() => this.events.reload());
  }

  protected actorOf(event: AuditEvent) {
    return actorLabel(event.actor, this.session.user(), this.actors());
  }

  protected readonly targetLabel = targetLabel;

  protected showPage(request: PageRequest): void {
    const next = request.after;
    if (next !== undefined) this.trail.update((trail) => [...trail, next]);
    else this.trail.update((trail) => trail.slice(0, -1));
  }

  /** Downloads the CSV export of the current filters. */
  protected async exportCsv(): Promise<void> {
    if (this.exporting()) return;
    this.exporting.set(true);
    try {
      const response = await firstValueFrom(this.api.exportCsv(this.filters()));
      this.browserDownload.save(
        response.body ?? new Blob([], { type: 'text/csv' }),
        csvFileName(response.headers.get('Content-Disposition')),
      );
    } catch (error) {
      this.notifier.error(apiProblem(error, 'The CSV export could not be downloaded.').message);
    } finally {
      this.exporting.set(false);
    }
  }

  protected applyFilters(filters: AuditFilters): void {
    void this.router.navigate(['/audit'], { queryParams: filters });
  }
}
