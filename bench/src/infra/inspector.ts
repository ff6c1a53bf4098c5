/** A Chrome DevTools Protocol call failed, timed out, or the socket closed. */
export class InspectorError extends Error {
  readonly code = 'inspector_failed';
}

/** The first line a process started with `--inspect` prints on stderr. */
const LISTENING_LINE = /^Debugger listening on (ws:\/\/\S+)$/;

/**
 * The WebSocket URL of a `--inspect` line on stderr (`Debugger listening on ws://…`), or undefined
 * for any other line.
 */
export function inspectorUrlOf(line: string): string | undefined {
  return LISTENING_LINE.exec(line.trim())?.[1];
}

/** The other lines Node prints on stderr about its inspector (start, attach, shutdown). */
export function isInspectorNotice(line: string): boolean {
  const text = line.trim();
  return (
    LISTENING_LINE.test(text) ||
    text.startsWith('For help, see: https://nodejs.org/') ||
    text === 'Debugger attached.' ||
    text.startsWith('Debugger ending on ws://') ||
    text.startsWith('Waiting for the debugger to disconnect')
  );
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message?: string };
}

/**
 * A minimal client of a Node process's inspector (Chrome DevTools Protocol over WebSocket): send a
 * method, await its result. Hand-written on Node 24's global `WebSocket` rather than
 * `chrome-remote-interface`: the benchmark needs two methods (`HeapProfiler.collectGarbage`,
 * `Runtime.evaluate`) and no events, which is a request id and a map of pending calls.
 */
export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedError: InspectorError | undefined;

  private constructor(
    private readonly socket: WebSocket,
    private readonly timeoutMs: number,
  ) {
    socket.addEventListener('message', (event) => this.onMessage(event.data));
    socket.addEventListener('close', () => {
      this.closedError = new InspectorError('the inspector connection closed');
      for (const [id, call] of this.pending) {
        clearTimeout(call.timer);
        call.reject(this.closedError);
        this.pending.delete(id);
      }
    });
  }

  /** Opens a session on `url` (from {@link inspectorUrlOf}). */
  static connect(url: string, timeoutMs = 30_000): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.close();
        reject(new InspectorError(`no inspector connection to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new InspectorSession(socket, timeoutMs));
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new InspectorError(`could not connect to the inspector at ${url}`));
      });
    });
  }

  /** Sends one protocol method and resolves with its `result`. */
  call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new InspectorError(`${method} got no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * Evaluates `expression` in the process's main context and returns its value (JSON-serialisable
   * values only; a thrown exception rejects).
   */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.call<{
      result?: { value?: unknown };
      exceptionDetails?: { text?: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true });
    if (reply.exceptionDetails) {
      const { exception, text } = reply.exceptionDetails;
      throw new InspectorError(`evaluation failed: ${exception?.description ?? text ?? 'unknown'}`);
    }
    return reply.result?.value as T;
  }

  /** Closes the session (a process with a debugger attached may otherwise wait for it on exit). */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) =>
      this.socket.addEventListener('close', () => resolve()),
    );
    this.socket.close();
    await closed;
  }

  private onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    const reply = JSON.parse(data) as Reply;
    if (reply.id === undefined) return; // an event: none is enabled, so none is awaited
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    clearTimeout(call.timer);
    if (reply.error) {
      call.reject(new InspectorError(reply.error.message ?? 'protocol error'));
    } else {
      call.resolve(reply.result);
    }
  }
}
