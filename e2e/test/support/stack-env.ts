/** What the global setup tells the tests about the running stack (through environment variables). */
export interface StackEnv {
  /** The BFF serving the SPA: the URL a user opens. */
  publicUrl: string;
  emulatorUrl: string;
  backendUrl: string;
  /** Test-only control server of the global setup (stop/start the backend). */
  controlUrl: string;
  accessTokenTtlSeconds: number;
}

const KEYS = {
  publicUrl: 'GATEHOUSE_E2E_PUBLIC_URL',
  emulatorUrl: 'GATEHOUSE_E2E_EMULATOR_URL',
  backendUrl: 'GATEHOUSE_E2E_BACKEND_URL',
  controlUrl: 'GATEHOUSE_E2E_CONTROL_URL',
  accessTokenTtlSeconds: 'GATEHOUSE_E2E_ACCESS_TOKEN_TTL',
} as const;

/** Publishes the stack to the test workers (they inherit the setup's environment). */
export function publishStackEnv(env: StackEnv): void {
  for (const [field, key] of Object.entries(KEYS))
    process.env[key] = String(env[field as keyof StackEnv]);
}

/** Reads what {@link publishStackEnv} published; throws outside a Playwright run with the global setup. */
export function stackEnv(): StackEnv {
  const read = (key: string): string => {
    const value = process.env[key];
    if (!value)
      throw new Error(`${key} is not set: run the browser tests with \`npm run e2e -w e2e\``);
    return value;
  };
  return {
    publicUrl: read(KEYS.publicUrl),
    emulatorUrl: read(KEYS.emulatorUrl),
    backendUrl: read(KEYS.backendUrl),
    controlUrl: read(KEYS.controlUrl),
    accessTokenTtlSeconds: Number(read(KEYS.accessTokenTtlSeconds)),
  };
}
