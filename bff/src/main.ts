import { ConfigError, loadConfig } from './config/config.schema.js';
import { createLogger } from './http/logger.js';
import { startBff } from './server.js';

/** Boots the BFF from environment variables. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const bff = await startBff({ config, deps: { logger } });
  logger.info(
    {
      event: 'bff.started',
      url: bff.url,
      publicUrl: config.publicOrigin,
      store: config.session.store,
    },
    `BFF listening on ${bff.url}`,
  );
  const stop = (signal: string) => {
    logger.info({ event: 'bff.stopping', signal }, 'stopping');
    void bff.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main();
