import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { apiProblem } from '../../core/api/api-error';
import { AuthSession } from '../../core/auth/auth-session';
import { AuditApi } from './audit.api';

/** How many of the latest counts the summary shows. */
export const DENIALS_SHOWN = 10;

/**
 * Refused requests (401/403) of this organization, counted per minute, route and reason: the
 * latest few, so an admin notices someone probing what they may not do.
 */
@Component({
  selector: 'gh-audit-denials',
  imports: [DatePipe],
  template: `
    <section class="gh-card gh-list-card" aria-labelledby="denials-title" data-testid="denials">
      <h2 id="denials-title">Refused requests</h2>
      @if (problem(); as problem) {
        <p class="gh-empty" role="status" data-testid="denials-error">
          The refused requests could not be loaded: {{ problem.message }}
        </p>
      } @else if (denials.hasValue()) {
        @let list = denials.value().denials;
        @if (list.length === 0) {
          <p class="gh-empty" data-testid="denials-empty">No request was refused.</p>
        } @else {
          <div class="gh-table-scroll">
            <table class="gh-table" aria-labelledby="denials-title">
              <thead>
                <tr>
                  <th scope="col">Minute</th>
                  <th scope="col">Route</th>
                  <th scope="col">Refusal</th>
                  <th scope="col">Missing</th>
                  <th scope="col">Count</th>
                </tr>
              </thead>
              <tbody>
                @for (denial of list; track $index) {
                  <tr data-testid="denial-row">
                    <td>
                      <time [attr.datetime]="denial.minute">{{
                        denial.minute | date: 'short'
                      }}</time>
                    </td>
                    <td>
                      <code>{{ denial.route }}</code>
                    </td>
                    <td>{{ denial.status }} {{ denial.code }}</td>
                    <td>{{ denial.missing || '—' }}</td>
                    <td>{{ denial.count }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </section>
  `,
  styles: `
    code {
      font-family: ui-monospace, monospace;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditDenials {
  private readonly api = inject(AuditApi);
  private readonly session = inject(AuthSession);

  protected readonly denials = rxResource({
    params: () => this.session.dataScope(),
    stream: () => this.api.denials(DENIALS_SHOWN),
  });
  protected readonly problem = computed(() => {
    const error = this.denials.error();
    return error ? apiProblem(error, 'The refused requests could not be loaded.') : null;
  });
}
