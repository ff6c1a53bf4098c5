import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger } from 'pino';

/** Header values and fields that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Where and how much to log. */
export interface LoggingOptions {
  /** Default `info`; tests usually pass `silent`. */
  readonly level?: LevelWithSilent;
  /** Default stdout. */
  readonly stream?: DestinationStream;
}

/**
 * One pino logger per app, used both as Nest's logger and by the request logger. Hand-wired
 * instead of nestjs-pino: nestjs-pino 5 keeps a single pino-http instance per process, so a second
 * backend started in the same process (the BFF's tests, the e2e stack) would write with the first
 * one's destination and level.
 */
export class AppLogger implements LoggerService {
  readonly pino: Logger;

  constructor(options: LoggingOptions = {}) {
    this.pino = pino(
      {
        level: options.level ?? 'info',
        base: { service: 'gatehouse-backend' },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        timestamp: pino.stdTimeFunctions.isoTime,
      },
      options.stream ?? pino.destination({ dest: 1, sync: false }),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (class name) as the last string argument. */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (typeof message === 'string') {
      this.pino[level]({ context }, message);
    } else {
      this.pino[level]({ context, data: message });
    }
  }
}
