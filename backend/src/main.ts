import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { BackendConfigError, loadStartupSettings } from './config/backend-config.js';
import { startBackend } from './bootstrap/start-backend.js';

/**
 * Boots the backend from environment variables: `WORKOS_CLIENT_ID` (required),
 * `WORKOS_API_BASE_URL`, `WORKOS_ISSUER`, `PORT` (3001), `JWT_CLOCK_TOLERANCE_SECONDS` (5),
 * `HOST` (127.0.0.1; 0.0.0.0 in a container) and `LOG_LEVEL` (info).
 * Bad variables stop the process with one line each, all of them at once.
 */
async function main(): Promise<void> {
  let settings: ReturnType<typeof loadStartupSettings>;
  try {
    settings = loadStartupSettings(process.env);
  } catch (error) {
    if (error instanceof BackendConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { config, runtime } = settings;
  const backend = await startBackend({ config, host: runtime.host, logLevel: runtime.logLevel });
  backend.app.enableShutdownHooks();
  new Logger('Bootstrap').log(
    `Gatehouse backend listening on ${backend.url} (WORKOS_CLIENT_ID=${config.workosClientId})`,
  );
}

await main();
