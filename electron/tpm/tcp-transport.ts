import net from 'node:net';
import { responseLength, type TpmTransport } from './tpm-transport';

const DEFAULT_TIMEOUT_MS = 60_000;

/** `tcp:host=127.0.0.1,port=2321`: a TPM that takes raw commands on a TCP port (swtpm's --server port). */
export function parseTcpTcti(tcti: string): { host: string; port: number } | null {
  const match = /^tcp:(.*)$/.exec(tcti);
  if (!match) return null;
  const fields = new Map((match[1] ?? '').split(',').map((pair) => pair.split('=') as [string, string | undefined]));
  const port = Number(fields.get('port'));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('a tcp TPM needs port=1..65535');
  return { host: fields.get('host') || '127.0.0.1', port };
}

/**
 * Raw TPM commands over TCP, one connection per command: swtpm serves one client at a time, so a
 * connection held open would lock out every other user of the same TPM (tpm2-tools in tests).
 */
export function createTcpTransport(target: { host: string; port: number; timeoutMs?: number }): TpmTransport {
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    submit: (command) =>
      new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let received = 0;
        let settled = false;
        const socket = net.connect(target.port, target.host);
        const finish = (error: Error | null, response?: Buffer) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          if (error) reject(error);
          else resolve(response ?? Buffer.alloc(0));
        };
        socket.setTimeout(timeoutMs, () => finish(new Error(`the TPM at ${target.host}:${target.port} did not answer within ${timeoutMs} ms`)));
        socket.once('connect', () => socket.write(command));
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          try {
            const whole = Buffer.concat(chunks, received);
            const size = responseLength(whole);
            if (size !== null && received >= size) finish(null, whole.subarray(0, size));
          } catch (error) {
            finish(error as Error);
          }
        });
        socket.once('error', (error) => finish(new Error(`the TPM at ${target.host}:${target.port} cannot be reached: ${error.message}`)));
        socket.once('close', () => finish(new Error(`the TPM at ${target.host}:${target.port} closed the connection mid-response`)));
      }),
    close: () => Promise.resolve(),
  };
}
