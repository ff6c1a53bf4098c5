import { DatePipe, JsonPipe, Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';

import { apiProblem } from '../../core/api/api-error';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { actorDirectory } from './actor-directory';
import { actorLabel } from './audit-actor';
import { auditFilters, type AuditFilters } from './audit-filters';
import { AuditApi } from './audit.api';

/** The filters of the list this page was opened from (navigation state), to go back to it. */
function filtersOf(state: unknown): AuditFilters {
  if (typeof state !== 'object' || state === null) return {};
  const { auditFilters: filters } = state as Record<string, unknown>;
  return typeof filters === 'object' && filters !== null
    ? auditFilters(filters as Record<string, unknown>)
    : {};
}

/** One audit event: who, what, the state before and after, and the request it came from. */
@Component({
  selector: 'gh-audit-event',
  imports: [DatePipe, Icon, JsonPipe, LoadProblem, MatButton, MatProgressBar, RouterLink],
  templateUrl: './audit-event.html',
  styleUrl: './audit-event.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEventPage {
  /** From the route (`/audit/:eventId`). */
  readonly eventId = input.required<string>();

  private readonly api = inject(AuditApi);
  private readonly session = inject(AuthSession);
  /** Names for the actors' user ids. */
  private readonly actors = actorDirectory();
  protected readonly backQuery = filtersOf(
    inject(Router).currentNavigation()?.extras.state ?? inject(Location).getState(),
  );

  protected readonly event = rxResource({
    params: () => {
      const scope = this.session.dataScope();
      return scope && { ...scope, id: this.eventId() };
    },
    stream: ({ params }) => this.api.event(params.id),
  });
  protected readonly problem = computed(() => {
    const error = this.event.error();
    return error ? apiProblem(error, 'The audit event could not be loaded.') : null;
  });
  protected readonly actor = computed(() =>
    this.event.hasValue()
      ? actorLabel(this.event.value().actor, this.session.user(), this.actors())
      : null,
  );
  /** `details` without before/after, which have their own blocks (e.g. `error`). */
  protected readonly otherDetails = computed(() => {
    if (!this.event.hasValue()) return null;
    const { before: _before, after: _after, ...rest } = this.event.value().details;
    return Object.keys(rest).length > 0 ? rest : null;
  });

  constructor() {
    inject(ServiceStatus).onRetry(() => this.event.reload());
  }

  protected has(key: string): boolean {
    return this.event.hasValue() && key in this.event.value().details;
  }
}
