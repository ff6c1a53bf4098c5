import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake WorkOS JWKS endpoint behaves. */
export type JwksMode = 'up' | 'down' | 'hang' | 'error';

/** A local HTTP server that serves `/sso/jwks/<clientId>` and counts requests. */
export interface JwksServer {
  /** Base URL, `http://127.0.0.1:<port>`: use it as `WORKOS_API_BASE_URL`. */
  readonly baseUrl: string;
  /** JWKS requests received so far (any mode). */
  readonly jwksRequests: number;
  /** Requests to any other path (e.g. an attacker `jku` URL pointed here). */
  readonly otherRequests: number;
  /** `up` serves keys; `down` resets connections; `hang` never answers; `error` answers 500. */
  setMode(mode: JwksMode): void;
  close(): Promise<void>;
}

/** Starts the JWKS server on 127.0.0.1, port 0. */
export async function startJwksServer(
  clientId: string,
  jwks: () => { keys: unknown[] },
): Promise<JwksServer> {
  let mode: JwksMode = 'up';
  let jwksRequests = 0;
  let otherRequests = 0;
  const sockets = new Set<Socket>();
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== `/sso/jwks/${clientId}`) {
      otherRequests += 1;
      send(res, 404, { message: 'Not Found' });
      return;
    }
    jwksRequests += 1;
    if (mode === 'down') req.socket.destroy();
    else if (mode === 'error') send(res, 500, { message: 'boom' });
    else if (mode === 'up') send(res, 200, jwks());
    // 'hang': never answer; the socket is destroyed on close().
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get jwksRequests() {
      return jwksRequests;
    },
    get otherRequests() {
      return otherRequests;
    },
    setMode(next) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
