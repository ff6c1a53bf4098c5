import { request } from 'node:http';
import { connect } from 'node:net';

/** A response as seen on the wire. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * Sends a request with the path exactly as given (supertest/URL would normalise `..` and `//`).
 */
export function rawRequest(
  baseUrl: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Writes raw bytes on a TCP connection and returns whatever comes back before close (or timeout). */
export function rawSocket(baseUrl: string, payload: string, timeoutMs = 2000): Promise<string> {
  const base = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname, () => socket.write(payload));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    const done = () => resolve(data);
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => {
      socket.destroy();
    }, timeoutMs).unref();
  });
}
