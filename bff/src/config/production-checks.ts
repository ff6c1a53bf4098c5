const PRODUCTION_WORKOS_HOST = 'api.workos.com';

/** The parsed variables the production checks read. */
export interface ProductionInputs {
  readonly NODE_ENV: 'production' | 'development' | 'test';
  readonly PUBLIC_URL: URL;
  readonly SESSION_STORE: 'sqlite' | 'memory' | 'redis';
  readonly WORKOS_API_BASE_URL: URL;
  readonly ALLOW_NON_WORKOS_API_HOST: boolean;
  readonly ALLOW_HTTP_WORKOS_API_HOST: boolean;
}

/**
 * The refusals of a production deployment, one line each naming the setting. A deployment counts
 * as production when `NODE_ENV=production` OR its `PUBLIC_URL` is not a loopback host, whatever
 * `NODE_ENV` says: a forgotten `NODE_ENV` on a public host must not waive these checks. The two
 * WorkOS waivers are separate: another host (`ALLOW_NON_WORKOS_API_HOST`, e.g. a custom auth
 * domain or the emulator) does not also allow plain http (`ALLOW_HTTP_WORKOS_API_HOST`).
 */
export function productionProblems(e: ProductionInputs, publicIsLoopback: boolean): string[] {
  const why =
    e.NODE_ENV === 'production'
      ? 'NODE_ENV=production'
      : publicIsLoopback
        ? undefined
        : `PUBLIC_URL is not a loopback host (production, whatever NODE_ENV says)`;
  if (why === undefined) return [];
  const problems: string[] = [];
  // A non-loopback http PUBLIC_URL is refused in every mode already (see loadConfig).
  if (e.PUBLIC_URL.protocol !== 'https:' && publicIsLoopback) {
    problems.push(`PUBLIC_URL must use https when ${why}`);
  }
  if (e.SESSION_STORE === 'memory') {
    problems.push(`SESSION_STORE=memory is refused when ${why} (sessions would be lost)`);
  }
  const api = e.WORKOS_API_BASE_URL;
  if (api.host !== PRODUCTION_WORKOS_HOST && !e.ALLOW_NON_WORKOS_API_HOST) {
    problems.push(
      `WORKOS_API_BASE_URL host ${api.host} is refused when ${why} (set ALLOW_NON_WORKOS_API_HOST=true to allow another WorkOS host)`,
    );
  }
  if (api.protocol !== 'https:' && !e.ALLOW_HTTP_WORKOS_API_HOST) {
    problems.push(
      `WORKOS_API_BASE_URL must use https when ${why} (set ALLOW_HTTP_WORKOS_API_HOST=true to allow plain http)`,
    );
  }
  return problems;
}
