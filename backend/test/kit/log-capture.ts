import { Writable } from 'node:stream';

/** Collects the app's JSON log lines in memory. */
export class LogCapture {
  private readonly chunks: string[] = [];
  /** Pass as `logStream` (pino destination). */
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, callback) => {
      this.chunks.push(chunk.toString());
      callback();
    },
  });

  /** Everything written so far. */
  text(): string {
    return this.chunks.join('');
  }

  /** Parsed log records. */
  records(): Record<string, unknown>[] {
    return this.text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Records whose `msg` contains `fragment`. */
  find(fragment: string): Record<string, unknown>[] {
    return this.records().filter(
      (r) => typeof r['msg'] === 'string' && r['msg'].includes(fragment),
    );
  }
}
