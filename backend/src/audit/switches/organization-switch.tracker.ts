import { Inject, Injectable } from '@nestjs/common';
import { TokenVerifier } from '../../auth/index.js';
import { AppLogger } from '../../logging/app-logger.js';
import type { AuditConfig } from '../audit.config.js';
import { AUDIT_CONFIG } from '../audit.tokens.js';
import { AuditStore } from '../audit-store.js';
import {
  OrganizationSwitchRecorder,
  type SwitchRecorderStats,
} from './organization-switch.recorder.js';
import { observationOf } from './session-observation.js';

/** Milliseconds between two writes of the buffered observations. */
export const SWITCH_FLUSH_INTERVAL_MS = 2_000;
/** Observations held at most between two writes. */
export const SWITCH_MAX_PENDING = 10_000;

/**
 * Records organization switches (WorkOS emits no event for them): the {@link TokenVerifier} hands
 * each token it verifies in full to an {@link OrganizationSwitchRecorder}, which writes every
 * session's organization to the database in batches and appends `organization.switched` when a
 * known session turns up in another organization. Off with the trail; cache hits are not seen.
 */
@Injectable()
export class OrganizationSwitchTracker {
  private readonly recorder: OrganizationSwitchRecorder;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly verifier: TokenVerifier,
    store: AuditStore,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    logger: AppLogger,
  ) {
    this.recorder = new OrganizationSwitchRecorder({
      maxPending: SWITCH_MAX_PENDING,
      write: async (rounds) => (await store.repositories()).sessions.record(rounds),
      report: {
        unavailable: (error, dropped) =>
          logger.pino.warn(
            { err: error, dropped, store: store.status().state },
            'audit organization switches not recorded until the database answers',
          ),
        recovered: (dropped) =>
          logger.pino.info({ dropped }, 'audit organization switches recorded again'),
        overflowed: (dropped) =>
          logger.pino.warn({ dropped }, 'audit organization switches dropped: buffer full'),
      },
    });
  }

  /** Starts observing verified tokens and writing every {@link SWITCH_FLUSH_INTERVAL_MS}. */
  start(): void {
    if (this.config.store.kind === 'disabled' || this.timer) return;
    this.verifier.observeVerified((user) => {
      const observation = observationOf(user);
      if (observation !== undefined) this.recorder.observe(observation);
    });
    this.timer = setInterval(() => this.recorder.flushIfIdle(), SWITCH_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes what is buffered now (tests, shutdown). */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  stats(): SwitchRecorderStats {
    return this.recorder.stats();
  }

  /** Stops observing, then writes what is left. */
  async stop(): Promise<void> {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.verifier.observeVerified(undefined);
    await this.recorder.flush();
  }
}
