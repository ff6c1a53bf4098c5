import { Worker } from 'node:worker_threads';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';

type HostReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly data?: Uint8Array }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

interface Waiting {
  resolve(data: Uint8Array): void;
  reject(error: Error): void;
}

/** The worker's module: the compiled `.js` next to this file, or the `.ts` source under Jest. */
function hostModule(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./pglite-host.worker.${extension}`, import.meta.url);
}

/**
 * PGlite in a worker thread, seen from the main thread: the part of PGlite's interface its
 * node-postgres adapter uses (`waitReady`, `execProtocolStream`), each message a round trip over
 * the worker's port. The main thread only posts bytes and parses answers, so opening the database
 * and running queries never block its event loop.
 */
export class PgliteThread {
  /** Settles when the database is open (rejects when it could not be). */
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private readonly parser = new Parser();
  private nextId = 0;
  private failure: Error | undefined;
  private ready = false;
  private closing = false;
  private ended = false;

  /** @param onLost told when the thread fails or ends while open (not when closed). */
  constructor(
    dataDir: string,
    private readonly onLost: (error: Error) => void = () => undefined,
  ) {
    this.worker = new Worker(hostModule(), { workerData: { dataDir } });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (reply: HostReply) => {
        if (reply.kind === 'ready') {
          this.ready = true;
          resolve();
        } else if (reply.kind === 'failed') reject(this.fail(new Error(reply.message)));
        else this.settle(reply);
      });
      this.worker.on('error', (error: Error) => reject(this.fail(error)));
      this.worker.on('exit', (code) => {
        this.ended = true;
        reject(this.fail(new Error(`PGlite thread exited (${code})`)));
      });
    });
    // Callers observe the rejection through waitReady; this only keeps it from being unhandled.
    this.waitReady.catch(() => undefined);
  }

  /** Runs wire-protocol bytes and returns PostgreSQL's answer, parsed (errors included). */
  async execProtocolStream(message: Uint8Array): Promise<BackendMessage[]> {
    const data = await this.request('exec', message);
    const messages: BackendMessage[] = [];
    this.parser.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (m) =>
      messages.push(m),
    );
    return messages;
  }

  /**
   * Closes the database and lets the thread end by itself. It is never terminated from here:
   * terminating a thread whose WebAssembly V8 may still be compiling in the background can crash
   * the whole process. A thread that has not ended after a while no longer holds the process open.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.ended) return;
    const exited = new Promise((resolve) => this.worker.once('exit', () => resolve(true)));
    if (!this.failure) await this.request('close').catch(() => undefined);
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    if ((await Promise.race([exited, timeout])) === undefined) this.worker.unref();
  }

  private request(kind: 'exec' | 'close', message?: Uint8Array): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ kind, id, message });
    });
  }

  private settle(reply: Extract<HostReply, { id: number }>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'error') waiting.reject(new Error(reply.message));
    else waiting.resolve(reply.data ?? new Uint8Array(0));
  }

  /** Records why the thread is gone and fails everything still waiting. */
  private fail(error: Error): Error {
    if (this.failure === undefined && this.ready && !this.closing) this.onLost(error);
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
    return this.failure;
  }
}
