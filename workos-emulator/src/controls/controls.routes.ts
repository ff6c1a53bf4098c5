import { Router, type Request } from 'express';
import { ApiError } from '../http/errors.js';
import { faultProblem, type Fault } from '../http/faults.js';
import { EmulatorUsageError, type Emulator } from '../emulator.types.js';

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function stringField(
  body: Record<string, unknown>,
  name: string,
  required: boolean,
): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw new ApiError(422, 'invalid_request_parameters', `${name} is required.`);
    return undefined;
  }
  if (typeof value !== 'string')
    throw new ApiError(422, 'invalid_request_parameters', `${name} must be a string.`);
  return value;
}

/** `{ email, reason? }` of an impersonated test session, else undefined when absent. */
function impersonatorOf(value: unknown): { email: string; reason: string | null } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(422, 'invalid_request_parameters', 'impersonator must be an object.');
  }
  const fields = value as Record<string, unknown>;
  const email = stringField(fields, 'email', true) ?? '';
  return { email, reason: stringField(fields, 'reason', false) ?? null };
}

/**
 * The opt-in HTTP controls under `/__emulator/*` (same operations as the programmatic API). Off unless
 * `enableTestControls` / `--enable-test-controls`; unauthenticated, so only ever on a loopback interface.
 */
export function controlsRoutes(emulator: () => Emulator): Router {
  const router = Router();
  const usage = (fn: () => unknown) => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof EmulatorUsageError || error instanceof TypeError) {
        throw new ApiError(422, 'invalid_request_parameters', error.message);
      }
      throw error;
    }
  };

  router.get('/__emulator/stats', (_req, res) => {
    res.json(emulator().stats());
  });
  router.post('/__emulator/reset', (_req, res) => {
    emulator().reset();
    res.json({ reset: true });
  });
  router.post('/__emulator/rotate-keys', async (req, res) => {
    const overlap = bodyOf(req)['overlapSeconds'];
    if (overlap !== undefined && (typeof overlap !== 'number' || !(overlap >= 0))) {
      throw new ApiError(
        422,
        'invalid_request_parameters',
        'overlapSeconds must be a number >= 0.',
      );
    }
    const kid = await emulator().rotateKeys(
      overlap === undefined ? {} : { overlapSeconds: overlap },
    );
    res.json({ kid });
  });
  router.post('/__emulator/sessions/:sessionId/revoke', (req, res) => {
    res.json({ revoked: emulator().revokeSession(req.params.sessionId) });
  });
  router.post('/__emulator/users/:userId/end-sessions', (req, res) => {
    res.json({ ended: emulator().endSessionsOf(req.params.userId) });
  });
  router.post('/__emulator/faults', (req, res) => {
    const body = bodyOf(req);
    const fault = {
      ...body,
      times: body['times'] === 'always' ? Number.POSITIVE_INFINITY : body['times'],
    };
    if (fault.times === undefined) delete fault.times;
    const problem = faultProblem(fault);
    if (problem !== undefined) throw new ApiError(422, 'invalid_request_parameters', problem);
    emulator().inject(fault as unknown as Fault);
    res.status(201).json({ injected: true });
  });
  router.get('/__emulator/audit-log-events', (req, res) => {
    const organizationId = req.query['organization_id'];
    res.json({
      data: emulator().auditLogEvents(
        typeof organizationId === 'string' ? organizationId : undefined,
      ),
    });
  });
  router.delete('/__emulator/faults', (_req, res) => {
    emulator().clearFaults();
    res.json({ cleared: true });
  });
  router.post('/__emulator/sessions', async (req, res) => {
    const body = bodyOf(req);
    const email = stringField(body, 'email', true) ?? '';
    const organizationId = stringField(body, 'organizationId', false);
    const clientId = stringField(body, 'clientId', false);
    const impersonator = impersonatorOf(body['impersonator']);
    try {
      const issued = await emulator().issueSession({
        email,
        ...(organizationId === undefined ? {} : { organizationId }),
        ...(clientId === undefined ? {} : { clientId }),
        ...(impersonator === undefined ? {} : { impersonator }),
      });
      res.status(201).json(issued);
    } catch (error) {
      usage(() => {
        throw error;
      });
    }
  });
  router.post('/__emulator/redirect-uris', (req, res) => {
    const body = bodyOf(req);
    const uri = stringField(body, 'uri', true) ?? '';
    usage(() => emulator().allowRedirectUri(uri, stringField(body, 'clientId', false)));
    res.status(201).json({ registered: uri });
  });
  router.post('/__emulator/logout-return-uris', (req, res) => {
    const body = bodyOf(req);
    const uri = stringField(body, 'uri', true) ?? '';
    usage(() => emulator().allowLogoutReturnUri(uri, stringField(body, 'clientId', false)));
    res.status(201).json({ registered: uri });
  });
  return router;
}
