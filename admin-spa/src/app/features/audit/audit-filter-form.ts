import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import {
  AUDIT_OUTCOMES,
  auditFilters,
  type AuditFilters,
  fromLocalInput,
  hasFilters,
  toLocalInput,
} from './audit-filters';

/** The actions the backend records, offered as suggestions (any other name can be typed). */
export const KNOWN_ACTIONS = [
  'member.role_changed',
  'member.removed',
  'invitation.sent',
  'invitation.resent',
  'invitation.revoked',
  'session.revoked',
] as const;

/**
 * The Audit page's filters. Applying (the button or Enter) emits the filters the form names;
 * "Clear" emits none. The page puts them in the URL, which feeds them back here.
 */
@Component({
  selector: 'gh-audit-filter-form',
  imports: [MatButton, MatFormField, MatHint, MatInput, MatLabel],
  templateUrl: './audit-filter-form.html',
  styleUrl: './audit-filter-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFilterForm {
  /** The filters in force. */
  readonly filters = input.required<AuditFilters>();
  /** The filters to apply. */
  readonly apply = output<AuditFilters>();

  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly actions = KNOWN_ACTIONS;
  protected readonly fromInput = computed(() => toLocalInput(this.filters().from));
  protected readonly toInput = computed(() => toLocalInput(this.filters().to));
  protected readonly filtered = computed(() => hasFilters(this.filters()));

  protected submit(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    this.apply.emit(
      auditFilters({
        actor: text('actor'),
        action: text('action'),
        outcome: text('outcome'),
        from: fromLocalInput(text('from')),
        to: fromLocalInput(text('to')),
        target: text('target'),
      }),
    );
  }

  protected clear(form: HTMLFormElement): void {
    form.reset();
    this.apply.emit({});
  }
}
