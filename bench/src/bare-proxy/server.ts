import { Agent, createServer, type IncomingHttpHeaders, request } from 'node:http';

/**
 * The ceiling B4 measures the BFF against: a bare keep-alive reverse proxy on node:http, no
 * session, no checks, no logging. It forwards every request to `BACKEND_URL` as it came (path,
 * method, headers, body) and relays the answer, dropping only hop-by-hop headers. Started as its
 * own process by the benchmark (`PORT`, `BACKEND_URL`), so its CPU time is its own.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}

const backend = new URL(process.env['BACKEND_URL'] ?? 'http://127.0.0.1:3000');
const port = Number(process.env['PORT'] ?? 0);
// Sized like the BFF's upstream agent.
const agent = new Agent({
  keepAlive: true,
  maxSockets: 256,
  maxFreeSockets: 64,
  scheduling: 'lifo',
});

const server = createServer((req, res) => {
  const upstream = request(
    {
      host: backend.hostname,
      port: backend.port,
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers), host: backend.host },
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502).end();
  });
  req.pipe(upstream);
});

server.listen(port, '127.0.0.1');
const stop = () => {
  agent.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
