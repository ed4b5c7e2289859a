import { connect } from 'node:net';

export interface RawResponse {
  /** Status of the first response on the connection; 0 when the server closed without answering. */
  status: number;
  /** Everything the server sent (latin1), headers included. */
  text: string;
  /** The first response's body. */
  body: string;
}

/**
 * Writes `chunks` to a fresh TCP connection exactly as given (HTTP clients refuse CR/LF in headers,
 * conflicting lengths and lies about them), half-closes, and collects what the server sends until it
 * closes. A write error (the server closed early, e.g. after a 413) is expected, not a failure.
 * `guardMs` only stops a hung connection so that the test fails instead of hanging; it asserts nothing.
 */
export function rawHttp(port: number, chunks: ReadonlyArray<string | Buffer>, guardMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const guard = setTimeout(() => socket.destroy(), guardMs);
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      const text = Buffer.concat(received).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const split = text.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text.slice(0, split))?.[1] ?? 0);
      resolve({ status, text, body: split === -1 ? '' : Buffer.from(text.slice(split + 4), 'latin1').subarray(0, length).toString('utf8') });
    });
    socket.on('connect', () => {
      const write = (i: number): void => {
        if (i === chunks.length || socket.destroyed) {
          socket.end();
          return;
        }
        // Waits for drain, so that a 100× body is streamed rather than buffered whole in this process.
        if (socket.write(chunks[i]!)) write(i + 1);
        else socket.once('drain', () => write(i + 1));
      };
      write(0);
    });
  });
}
