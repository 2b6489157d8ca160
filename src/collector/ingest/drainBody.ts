import type { IncomingMessage } from 'node:http';

/**
 * Reads and drops what is left of a request body, up to `maxBytes`, before a refusal is sent.
 * Answering while the client is still sending makes the server close a socket with unread
 * data, which resets the connection and loses the answer; a client that sends more than
 * `maxBytes` is cut off instead.
 */
export function drainBody(raw: IncomingMessage, maxBytes: number): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      raw.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        done();
        raw.destroy();
      }
    };
    raw.on('data', count);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}
