import { routeMatches } from './endpoints.js';

/**
 * A fault to inject into the next matching calls.
 *
 * - `route`: an endpoint name (`'POST /user_management/authenticate'`), its path pattern
 *   (`'/user_management/authenticate'`, `'/sso/jwks/:clientId'`) or a concrete path (`'/sso/jwks/client_x'`).
 * - `status`: answer with this status instead of handling the call (body `{ code, message }` unless `body` is given).
 * - `delayMs`: wait this long first (then answer `status`, or handle the call normally when no status is set).
 * - `times`: how many calls it applies to (default 1; `Infinity` until cleared).
 * - `grantType`: only authenticate calls with this `grant_type`.
 */
export interface Fault {
  route: string;
  status?: number;
  delayMs?: number;
  times?: number;
  grantType?: string;
  body?: unknown;
}

interface ActiveFault extends Fault {
  remaining: number;
}

/** Validates a fault coming from code or from the HTTP controls; returns a problem description or undefined. */
export function faultProblem(fault: unknown): string | undefined {
  if (typeof fault !== 'object' || fault === null) return 'fault must be an object';
  const f = fault as Record<string, unknown>;
  if (typeof f['route'] !== 'string' || f['route'] === '')
    return 'route must be a non-empty string';
  if (
    f['status'] !== undefined &&
    (!Number.isInteger(f['status']) ||
      (f['status'] as number) < 100 ||
      (f['status'] as number) > 599)
  ) {
    return 'status must be an HTTP status code';
  }
  if (f['delayMs'] !== undefined && (typeof f['delayMs'] !== 'number' || !(f['delayMs'] >= 0))) {
    return 'delayMs must be a number >= 0';
  }
  if (f['times'] !== undefined && (typeof f['times'] !== 'number' || !(f['times'] >= 1))) {
    return 'times must be a number >= 1';
  }
  if (f['grantType'] !== undefined && typeof f['grantType'] !== 'string')
    return 'grantType must be a string';
  if (f['status'] === undefined && f['delayMs'] === undefined)
    return 'a fault needs a status, a delayMs or both';
  return undefined;
}

/** The queue of injected faults. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(fault: Fault): void {
    const problem = faultProblem(fault);
    if (problem !== undefined) throw new TypeError(`Invalid fault: ${problem}`);
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Takes (and counts down) the first fault that matches this call. */
  take(method: string, path: string, grantType: string | undefined): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        routeMatches(f.route, method, path) &&
        (f.grantType === undefined || f.grantType === grantType),
    );
    const fault = this.faults[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  get pending(): number {
    return this.faults.length;
  }
}
