/**
 * What is logged of a failure: its name, message, HTTP status or database code and WorkOS's
 * request id. Never the error object itself, whose fields (a request's headers, a connection
 * string) could hold a secret.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { status?: unknown; code?: unknown; requestID?: unknown };
  return {
    name: e.name,
    message: e.message.slice(0, 300),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.requestID === 'string' && e.requestID !== '' ? { requestId: e.requestID } : {}),
  };
}
