import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorFilter, EdgeValidationPipe } from '../http/index.js';
import type { AppLogger } from '../logging/app-logger.js';
import { createRequestLogger } from '../logging/request-logger.js';

/**
 * HTTP-level setup shared by the real server and the test kit, so tests exercise the same stack:
 * request logging with request ids, no `X-Powered-By` and no ETag, every `{ schema }` argument validated at
 * the edge (zod; 400 `validation_failed` with `fields`), `ApiError` bodies written with
 * `Cache-Control: no-store`, Swagger UI at `/docs` (public: it is mounted outside the controllers,
 * so no guard runs there).
 */
export function configureApp(app: NestExpressApplication, logger: AppLogger): void {
  app.useLogger(logger);
  app.disable('x-powered-by');
  // Answers are per caller and `no-store`, never revalidated: an ETag would hash every body for nothing.
  app.set('etag', false);
  app.use(createRequestLogger(logger));
  // @Body/@Query/@Param({ schema }): 400 with every broken field listed. Arguments without a
  // schema, such as @CurrentUser (the verified token is its only source), pass unchanged.
  app.useGlobalPipes(new EdgeValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gatehouse API')
      .setDescription('Every route needs a WorkOS access token unless marked public.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
