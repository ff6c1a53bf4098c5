import express, { type Express } from 'express';
import { authenticateRoute } from '../authenticate/authenticate.route.js';
import { auditLogsRoute } from '../audit-logs/audit-logs.route.js';
import { authorizeRoutes } from '../authorize/authorize.routes.js';
import { controlsRoutes } from '../controls/controls.routes.js';
import type { EmulatorContext } from '../emulator.context.js';
import type { Emulator } from '../emulator.types.js';
import { jwksRoute } from '../keys/jwks.route.js';
import { eventsRoute } from '../events/events.route.js';
import { invitationsRoutes } from '../invitations/invitations.routes.js';
import { membershipsRoutes } from '../memberships/memberships.routes.js';
import { organizationsRoutes } from '../organizations/organizations.routes.js';
import { rolesRoutes } from '../roles/roles.routes.js';
import { logoutRoutes } from '../sessions/logout.routes.js';
import { userSessionsRoute } from '../sessions/user-sessions.route.js';
import { usersRoute } from '../users/users.route.js';
import { errorHandler } from './error.handler.js';
import { ApiError } from './errors.js';
import { countCalls, countGrantsAndInjectFaults, requestId } from './observe.middleware.js';

/** Builds the Express application: observation, body parsing, faults, routes, JSON 404 and the error handler. */
export function createApp(ctx: EmulatorContext, emulator: () => Emulator): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId());
  app.use(countCalls(ctx));
  app.use(express.json({ limit: '64kb' }));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(countGrantsAndInjectFaults(ctx));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(authorizeRoutes(ctx));
  app.use(authenticateRoute(ctx));
  app.use(jwksRoute(ctx));
  app.use(logoutRoutes(ctx));
  app.use(usersRoute(ctx));
  app.use(userSessionsRoute(ctx));
  app.use(membershipsRoutes(ctx, ctx.membershipService));
  app.use(invitationsRoutes(ctx, ctx.invitationService));
  app.use(organizationsRoutes(ctx));
  app.use(rolesRoutes(ctx));
  app.use(eventsRoute(ctx));
  app.use(auditLogsRoute(ctx));
  if (ctx.enableTestControls) app.use(controlsRoutes(emulator));

  app.use(() => {
    throw new ApiError(404, 'not_found', 'Not Found');
  });
  app.use(errorHandler(ctx.logError));
  return app;
}
