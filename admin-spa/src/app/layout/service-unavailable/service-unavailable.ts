import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';

/**
 * The one message for "the BFF or the API behind it did not answer" (502/503/504, network error),
 * with a "Try again" that re-runs what failed.
 */
@Component({
  selector: 'gh-service-unavailable',
  imports: [MatButton, Icon],
  templateUrl: './service-unavailable.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceUnavailable {
  protected readonly status = inject(ServiceStatus);
}
