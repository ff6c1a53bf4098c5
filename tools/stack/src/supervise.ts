import { type ServiceProcess } from './service-process.js';

/**
 * Keeps the process alive until Ctrl+C (SIGINT) or SIGTERM, then runs `stop` and exits 0. A
 * service that exits on its own takes everything down with exit code 1 instead of leaving the stack
 * half up. `services` is read again after every exit, so restarted services are watched too.
 */
export async function superviseUntilStopped(
  services: () => Iterable<[string, ServiceProcess]>,
  stop: () => Promise<void>,
): Promise<never> {
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await stop();
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  for (;;) {
    const ended = await Promise.race(
      [...services()].map(async ([name, service]) => ({
        name,
        service,
        code: await service.exited,
      })),
    );
    if (stopping) return new Promise<never>(() => undefined);
    if (!ended.service.isStopping) {
      console.error(
        `\n${ended.name} exited unexpectedly (code ${ended.code}); stopping the stack.`,
      );
      return shutdown(1);
    }
  }
}
