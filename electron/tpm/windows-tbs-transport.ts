import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { describeResponseCode } from './tpm2-response-codes';
import { responseLength, type TpmTransport } from './tpm-transport';
import { tbsBootstrapLine } from './windows-tbs-bridge';

const PREFIX = 'fbr-tbs ';
/** Add-Type compiles the bridge at start (a few seconds on a slow PC); an RSA CreatePrimary can take long too. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** How the bridge is started: PowerShell on Windows; tests pass a stand-in process speaking the same lines. */
export type StartBridge = () => ChildProcessWithoutNullStreams;

/** By its full path: a bare `powershell.exe` is looked up in the app's and the current folder first on Windows. */
const startPowerShell: StartBridge = () =>
  spawn(path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'), ['-NoProfile', '-NonInteractive', '-Command', '-'], {
    stdio: 'pipe',
    windowsHide: true,
  });

interface Waiter {
  resolve(line: string): void;
  reject(error: Error): void;
}

/** One line of the bridge into a response, or the error it reports. */
function parseAnswer(line: string): Buffer {
  if (line.startsWith('fail ')) {
    const code = Number.parseInt(line.slice(5), 16);
    throw new Error(Number.isNaN(code) ? `the TBS bridge refused the command (${line.slice(5, 40)})` : `TBS refused the command: ${describeResponseCode(code)}`);
  }
  if (!line.startsWith('ok ') || !/^[0-9a-fA-F]*$/.test(line.slice(3))) throw new Error('the TBS bridge answered something that is not a response');
  const response = Buffer.from(line.slice(3), 'hex');
  if (responseLength(response) !== response.length) throw new Error('the TBS bridge answered a response whose size does not match its header');
  return response;
}

/**
 * Windows' TPM through TBS, by a long-lived PowerShell child (windows-tbs-bridge.ts): one hex line
 * per command and per response. Started on the first command; its death fails the command waiting
 * and the next command starts a new one. Not run on Windows here (see docs/attestation.md).
 */
export function createWindowsTbsTransport(options: { start?: StartBridge; timeoutMs?: number } = {}): TpmTransport {
  const start = options.start ?? startPowerShell;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let child: ChildProcessWithoutNullStreams | null = null;
  let ready: Promise<void> | null = null;
  let waiter: Waiter | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** The next bridge line, or the child's end, within the timeout. */
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter = null;
        reject(new Error(`the TBS bridge did not answer within ${timeoutMs} ms`));
        child?.kill();
      }, timeoutMs);
      waiter = {
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });

  const launch = (): Promise<void> => {
    const started = start();
    child = started;
    let pending = '';
    started.stdout.setEncoding('utf8');
    started.stdout.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end).trim();
        pending = pending.slice(end + 1);
        // PowerShell may print banners or errors of its own; only our prefixed lines are answers.
        if (!line.startsWith(PREFIX) || !waiter) continue;
        const current = waiter;
        waiter = null;
        current.resolve(line.slice(PREFIX.length));
      }
    });
    started.stderr.resume(); // never logged: PowerShell's errors can name the user's folders
    const ended = (reason: string) => {
      if (child === started) {
        child = null;
        ready = null;
      }
      const current = waiter;
      waiter = null;
      current?.reject(new Error(reason));
    };
    started.once('error', (error) => ended(`the TBS bridge cannot start (${error.message})`));
    started.once('exit', (code) => ended(`the TBS bridge stopped (exit ${code ?? 'by signal'})`));
    started.stdin.on('error', () => undefined); // a dead child's stdin: reported through 'exit'
    const first = nextLine();
    started.stdin.write(tbsBootstrapLine());
    return first.then((line) => {
      if (line === 'ready') return;
      started.stdin.end();
      if (line === 'fail start') throw new Error('PowerShell could not load the TBS bridge (Add-Type refused, e.g. Constrained Language Mode)');
      parseAnswer(line); // a `fail <TBS_RESULT>` of Tbsi_Context_Create
      throw new Error('the TBS bridge did not start');
    });
  };

  const exchange = async (command: Buffer): Promise<Buffer> => {
    ready ??= launch().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    await ready;
    const running = child;
    if (!running) throw new Error('the TBS bridge stopped');
    const answer = nextLine();
    running.stdin.write(`${command.toString('hex')}\n`);
    return parseAnswer(await answer);
  };

  return {
    submit(command) {
      const next = queue.then(
        () => exchange(command),
        () => exchange(command),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      const running = child;
      child = null;
      ready = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          running.kill();
          resolve();
        }, 5_000);
        running.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        running.stdin.end(); // EOF: the bridge closes its TBS context and exits
      });
    },
  };
}
