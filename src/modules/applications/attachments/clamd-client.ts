/**
 * A client of the ClamAV daemon (clamd) speaking its INSTREAM command over a unix socket or TCP
 * (CLAMD_ADDRESS "unix:/run/clamav/clamd.ctl" or "tcp:host:port"); no npm dependency.
 *
 * Protocol (clamd(8)): send `zINSTREAM\0`, then the data in chunks each preceded by its length as a
 * 4-byte big-endian integer, then a zero length. clamd answers one NUL-terminated line:
 * `stream: OK`, `stream: <signature> FOUND`, or `… ERROR` (e.g. "INSTREAM size limit exceeded").
 * Anything but OK or FOUND — an error line, a refused or dropped connection, a time-out — is
 * ClamdUnavailable: the caller refuses the file (fail closed).
 */
import net from 'node:net';

export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ClamdUnavailable extends Error {
  override name = 'ClamdUnavailable';
}

const CHUNK = 64 * 1024;

/** The socket options of a CLAMD_ADDRESS (validated by config.ts). */
function target(address: string): net.NetConnectOpts {
  if (address.startsWith('unix:')) return { path: address.slice(5) };
  const m = /^tcp:(.+):(\d{1,5})$/.exec(address);
  if (!m) throw new ClamdUnavailable(`not a clamd address: ${address}`);
  return { host: m[1] as string, port: Number(m[2]) };
}

/** Scans `data` with clamd; resolves with the verdict or rejects with ClamdUnavailable. */
export function scanWithClamd(address: string, data: Buffer, options: { timeoutMs?: number } = {}): Promise<ScanResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<ScanResult>((resolve, reject) => {
    let reply = '';
    let settled = false;
    const finish = (...[err, result]: [Error] | [undefined, ScanResult]) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err instanceof ClamdUnavailable ? err : new ClamdUnavailable(err.message, { cause: err }));
      else resolve(result);
    };
    const socket = net.createConnection(target(address));
    socket.setTimeout(timeoutMs, () => finish(new ClamdUnavailable(`clamd did not answer within ${timeoutMs} ms`)));
    socket.on('error', (err: Error) => finish(err));
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < data.length; at += CHUNK) {
        const chunk = data.subarray(at, Math.min(at + CHUNK, data.length));
        const head = Buffer.alloc(4);
        head.writeUInt32BE(chunk.length, 0);
        socket.write(head);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4)); // zero length: end of the stream
    });
    socket.on('data', (d: Buffer) => {
      reply += d.toString('utf8');
      if (reply.includes('\0')) finish(...verdict(reply.slice(0, reply.indexOf('\0'))));
    });
    socket.on('end', () => finish(...verdict(reply.replace(/\0.*$/s, ''))));
  }).catch((err: unknown) => {
    throw err instanceof ClamdUnavailable ? err : new ClamdUnavailable(String(err));
  });
}

/** clamd's one-line answer as [error] or [undefined, result]. */
function verdict(line: string): [Error] | [undefined, ScanResult] {
  const text = line.trim();
  if (/^stream: OK$/.test(text)) return [undefined, { clean: true }];
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return [undefined, { clean: false, signature: found[1] as string }];
  return [new ClamdUnavailable(`clamd answered: ${text || '(nothing)'}`)];
}
