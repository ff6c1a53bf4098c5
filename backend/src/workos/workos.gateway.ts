import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WorkOS } from '@workos-inc/node';
import type { ApiError } from '../http/index.js';
import { adminApiUnconfigured, mapWorkosError } from './workos-error.mapper.js';
import { WORKOS_ADMIN_SDK } from './workos.tokens.js';

/**
 * The one way admin features call WorkOS: refuses with 503 `admin_api_unconfigured` when there is
 * no API key, and maps every SDK failure to an {@link ApiError} (logged with WorkOS's request id,
 * never with a token or a key).
 */
@Injectable()
export class WorkosGateway {
  private readonly logger = new Logger('WorkosGateway');

  constructor(@Inject(WORKOS_ADMIN_SDK) private readonly sdk: WorkOS | null) {}

  /** Whether an API key is configured (readiness reports it). */
  get configured(): boolean {
    return this.sdk !== null;
  }

  /**
   * Runs one SDK call. `operation` names it in logs (e.g. `listOrganizationMemberships`).
   *
   * @throws ApiError for every failure, never a raw SDK error.
   */
  async call<T>(operation: string, run: (sdk: WorkOS) => Promise<T>): Promise<T> {
    if (this.sdk === null) throw adminApiUnconfigured();
    try {
      return await run(this.sdk);
    } catch (error) {
      const mapped = mapWorkosError(error);
      this.log(operation, error, mapped);
      throw mapped;
    }
  }

  private log(operation: string, error: unknown, mapped: ApiError): void {
    const requestId = (error as { requestID?: unknown } | null)?.requestID;
    const detail = {
      operation,
      status: mapped.getStatus(),
      code: mapped.body.code,
      workosError: error instanceof Error ? error.name : typeof error,
      ...(typeof requestId === 'string' && requestId !== '' ? { workosRequestId: requestId } : {}),
    };
    if (mapped.getStatus() >= 500) this.logger.warn(detail);
    else this.logger.debug(detail);
  }
}
