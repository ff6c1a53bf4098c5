import { stackEnv } from './stack-env.js';

/** Call counts the emulator keeps (see `EmulatorStats` in workos-emulator). */
export interface EmulatorStats {
  endpoints: Record<string, number>;
  grants: Record<string, number>;
  liveSessions: number;
}

async function control(method: 'GET' | 'POST', path: string): Promise<unknown> {
  const response = await fetch(`${stackEnv().emulatorUrl}/__emulator/${path}`, { method });
  if (!response.ok) throw new Error(`emulator control ${path} answered ${response.status}`);
  return response.json();
}

/** The emulator's counters right now. */
export async function emulatorStats(): Promise<EmulatorStats> {
  return (await control('GET', 'stats')) as EmulatorStats;
}

/** How many refresh-token grants the emulator has answered so far. */
export async function refreshCount(): Promise<number> {
  return (await emulatorStats()).grants.refresh_token ?? 0;
}

/** Ends a WorkOS session at the emulator, as an administrator revoking it would. */
export async function revokeSession(sessionId: string): Promise<boolean> {
  return (
    (await control('POST', `sessions/${encodeURIComponent(sessionId)}/revoke`)) as {
      revoked: boolean;
    }
  ).revoked;
}

/** Stops or starts the backend process of the stack (the global setup owns it). */
export async function backend(action: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${stackEnv().controlUrl}/backend/${action}`, { method: 'POST' });
  if (response.status !== 204)
    throw new Error(`backend ${action} failed: ${response.status} ${await response.text()}`);
}
