import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { Icon } from '../../shared/icon/icon';

/** Shown (at the URL asked for) when the session lacks the role or the API answered 403. */
@Component({
  selector: 'gh-forbidden',
  imports: [Icon, MatButton, RouterLink],
  template: `
    <section class="gh-status-page" aria-labelledby="forbidden-title" data-testid="forbidden-page">
      <div>
        <gh-icon name="lock" class="gh-status-icon" />
        <h1 id="forbidden-title">You don't have access to this page</h1>
        <p>
          Your role in this organization does not allow it. Ask an administrator if you need access.
        </p>
        <a matButton="filled" routerLink="/">Back to the dashboard</a>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Forbidden {}
