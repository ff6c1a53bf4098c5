import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { Icon } from '../../shared/icon/icon';

/** Any signed-in URL that matches no page. */
@Component({
  selector: 'gh-not-found',
  imports: [Icon, MatButton, RouterLink],
  template: `
    <section class="gh-status-page" aria-labelledby="not-found-title" data-testid="not-found-page">
      <div>
        <gh-icon name="search" class="gh-status-icon" />
        <h1 id="not-found-title">Page not found</h1>
        <p>The page you asked for does not exist or has moved.</p>
        <a matButton="filled" routerLink="/">Back to the dashboard</a>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {}
