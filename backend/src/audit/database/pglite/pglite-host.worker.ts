/**
 * The PGlite thread: opens the database named in `workerData` and runs the wire-protocol messages
 * the main thread posts, one at a time, answering with PostgreSQL's raw response bytes. Keeping
 * the WebAssembly instance here means its initialisation (initdb on a new directory) and every
 * query run off the backend's event loop.
 *
 * Runs as its own module in a worker thread (compiled `.js`, or the `.ts` source under Jest, which
 * Node loads by stripping types): it imports packages only and uses erasable TypeScript only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

interface HostRequest {
  readonly kind: 'exec' | 'close';
  readonly id: number;
  readonly message?: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('pglite-host.worker must run in a worker thread');
const { dataDir } = workerData as { dataDir: string };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    port!.postMessage({ kind: 'failed', message: describeError(error) });
    return;
  }
  port!.postMessage({ kind: 'ready' });
  // One message at a time, in order: PGlite is a single session.
  let queue: Promise<void> = Promise.resolve();
  port!.on('message', (request: HostRequest) => {
    queue = queue.then(() => handle(db, request));
  });
}

async function handle(db: PGlite, request: HostRequest): Promise<void> {
  try {
    if (request.kind === 'close') {
      await db.close();
      port!.postMessage({ kind: 'result', id: request.id });
      port!.close();
      return;
    }
    const raw = await db.execProtocolRaw(request.message ?? new Uint8Array(0));
    // A copy, so that transferring it can never detach memory PGlite still uses.
    const data = raw.slice();
    port!.postMessage({ kind: 'result', id: request.id, data }, [data.buffer]);
  } catch (error) {
    port!.postMessage({ kind: 'error', id: request.id, message: describeError(error) });
  }
}

void main();
