import type { Request } from 'express';

/** Who is calling, as WorkOS records it on a code exchange or refresh. */
export interface ClientContext {
  /** `req.ip`: the client address after `TRUST_PROXY_HOPS`, never a client-sent header. */
  readonly ipAddress: string | undefined;
  /** The `User-Agent`, cut to 512 characters. */
  readonly userAgent: string | undefined;
}

/** The {@link ClientContext} of a request. */
export function clientContext(req: Request): ClientContext {
  return { ipAddress: req.ip, userAgent: req.get('user-agent')?.slice(0, 512) };
}
