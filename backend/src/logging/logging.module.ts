import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppLogger } from './app-logger.js';

/** Makes the app's {@link AppLogger} injectable everywhere. */
@Global()
@Module({})
export class LoggingModule {
  /** @param logger the per-app logger (also handed to Nest and the request logger). */
  static forRoot(logger: AppLogger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, useValue: logger }],
      exports: [AppLogger],
    };
  }
}
