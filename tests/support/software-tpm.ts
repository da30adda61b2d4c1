import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/** A running swtpm with an EK certificate from its own local CA. */
export interface SoftwareTpm {
  /** tpm2-tools TCTI string for this TPM. */
  tcti: string;
  /** The server port taking raw TPM commands (the `tcp:` TCTI of electron/tpm's own command layer). */
  port: number;
  /** A folder holding this TPM's CA certificates (root and issuer), as TPM_EK_CA_DIR expects. */
  caDir: string;
  stop(): Promise<void>;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const asRoot = () => (process.getuid?.() === 0 ? ['--runas', 'root'] : []);

/**
 * Manufactures a software TPM 2.0 in `dir` (swtpm_setup --create-ek-cert, signed by a CA private to
 * this folder, not the machine's /var/lib/swtpm-localca) and serves it on free loopback ports.
 */
export async function startSoftwareTpm(dir: string): Promise<SoftwareTpm> {
  const ca = path.join(dir, 'ca');
  const state = path.join(dir, 'state');
  const caDir = path.join(dir, 'trusted');
  await Promise.all([mkdir(ca, { recursive: true }), mkdir(state, { recursive: true }), mkdir(caDir, { recursive: true })]);
  await writeFile(
    path.join(dir, 'localca.conf'),
    `statedir = ${ca}\nsigningkey = ${ca}/signkey.pem\nissuercert = ${ca}/issuercert.pem\ncertserial = ${ca}/certserial\n`,
  );
  await writeFile(path.join(dir, 'localca.options'), '--platform-manufacturer Test\n--platform-version 1.0\n--platform-model swtpm\n');
  await writeFile(
    path.join(dir, 'setup.conf'),
    `create_certs_tool = /usr/bin/swtpm_localca\ncreate_certs_tool_config = ${path.join(dir, 'localca.conf')}\ncreate_certs_tool_options = ${path.join(dir, 'localca.options')}\nactive_pcr_banks = sha256\n`,
  );
  await run('swtpm_setup', ['--tpm2', '--tpmstate', state, '--create-ek-cert', '--config', path.join(dir, 'setup.conf'), '--overwrite', ...asRoot()]);
  await copyFile(path.join(ca, 'swtpm-localca-rootca-cert.pem'), path.join(caDir, 'root.pem'));
  await copyFile(path.join(ca, 'issuercert.pem'), path.join(caDir, 'issuer.pem'));

  for (let attempt = 0; ; attempt += 1) {
    // The swtpm TCTI finds the control channel on the next port up.
    const port = await freePort();
    const ctrl = port + 1;
    const child: ChildProcess = spawn(
      'swtpm',
      ['socket', '--tpm2', '--tpmstate', `dir=${state}`, '--server', `type=tcp,port=${port},bindaddr=127.0.0.1`, '--ctrl', `type=tcp,port=${ctrl},bindaddr=127.0.0.1`, '--flags', 'not-need-init,startup-clear', ...asRoot()],
      { stdio: 'ignore' },
    );
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    for (let poll = 0; poll < 100 && !exited && !(await accepting(port)); poll += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!exited) {
      return {
        tcti: `swtpm:host=127.0.0.1,port=${port}`,
        port,
        caDir,
        stop: () =>
          new Promise<void>((resolve) => {
            if (exited) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    if (attempt >= 3) throw new Error('swtpm did not start');
  }
}
