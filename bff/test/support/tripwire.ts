import { Writable } from 'node:stream';

import type { Server } from 'node:http';

import { Sealer } from '../../src/crypto/seal.js';
import type { TokenPair } from '../../src/session/session.types.js';

/**
 * Token-leak tripwire: collects every response body/header of a suite and every log line, then
 * asserts none contains any access or refresh token the suite ever saw (full value, or the JWT
 * signature / payload part on its own).
 */
export class Tripwire {
  private readonly texts: { where: string; text: string }[] = [];
  private readonly secrets = new Set<string>();
  /** A stream to give the BFF's logger: every line is scanned too. */
  readonly logStream = new Writable({
    write: (chunk: Buffer, _enc, cb) => {
      this.texts.push({ where: 'log', text: chunk.toString('utf8') });
      cb();
    },
  });

  /**
   * Captures every response the server writes (status line, headers and body), whoever sent the
   * request, so no test can forget to record one.
   */
  watch(server: Server): void {
    server.prependListener('request', (req, res) => {
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      const keep = (chunk: unknown) => {
        if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      };
      res.write = ((...args: unknown[]) => {
        keep(args[0]);
        return write(...args);
      }) as typeof res.write;
      res.end = ((...args: unknown[]) => {
        if (typeof args[0] !== 'function') keep(args[0]);
        const headers = JSON.stringify(res.getHeaders());
        this.texts.push({
          where: `${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} -> ${res.statusCode}`,
          text: `${headers}\n${Buffer.concat(chunks).toString('latin1')}`,
        });
        return end(...args);
      }) as typeof res.end;
    });
  }

  /** Adds the tokens inside every sealed pair found in stored session JSON. */
  async addSealedFrom(
    storedJson: Iterable<string>,
    password: string | readonly string[],
  ): Promise<void> {
    const sealer = new Sealer(password, () => Date.now());
    for (const json of storedJson) {
      const match = /"sealedTokens":"([^"]+)"/.exec(json);
      if (!match?.[1]) continue;
      const pair = await sealer.unseal<TokenPair>(match[1]);
      if (pair) {
        this.addSecret(pair.accessToken);
        this.addSecret(pair.refreshToken);
      }
    }
  }

  /** Records arbitrary text (raw responses). */
  recordText(where: string, text: string): void {
    this.texts.push({ where, text });
  }

  /** Registers token material that must never appear. */
  addSecret(token: string): void {
    this.secrets.add(token);
    const parts = token.split('.');
    if (parts.length === 3)
      for (const part of parts.slice(1)) if (part.length >= 16) this.secrets.add(part);
  }

  /** Every place a secret appears (empty when clean). */
  leaks(): string[] {
    const found: string[] = [];
    for (const { where, text } of this.texts) {
      for (const secret of this.secrets)
        if (text.includes(secret)) found.push(`${where}: contains ${secret.slice(0, 8)}…`);
    }
    return found;
  }

  /** Every log line captured so far. */
  logLines(): string[] {
    return this.texts.filter((t) => t.where === 'log').map((t) => t.text);
  }

  get recordedCount(): number {
    return this.texts.length;
  }

  get secretCount(): number {
    return this.secrets.size;
  }
}
