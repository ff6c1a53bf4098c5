import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppLogger } from '../logging/app-logger.js';
import { createRequestLogger } from '../logging/request-logger.js';

/**
 * HTTP-level setup shared by the real server and the test kit, so tests exercise the same stack:
 * request logging with request ids, no `X-Powered-By`, request DTOs validated at the edge
 * (class-validator; unknown fields are refused), Swagger UI at `/docs` (public: it is mounted
 * outside the controllers, so no guard runs there).
 */
export function configureApp(app: NestExpressApplication, logger: AppLogger): void {
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.use(createRequestLogger(logger));
  // @Body()/@Query() DTO classes: 400 with every broken field listed. Custom parameter decorators
  // (@CurrentUser) are not validated: the verified token is their only source.
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
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
