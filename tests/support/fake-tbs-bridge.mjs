// Stands in for `powershell.exe -Command -` running the TBS bridge, so the Windows transport's own
// logic (bootstrap, line protocol, TBS errors, a dying child) runs here: it checks the one bootstrap
// line carries the bridge, then forwards each command line to a TPM on TCP (swtpm's server port).
// Usage: node fake-tbs-bridge.mjs PORT [no-tpm|die-on-command]
import net from 'node:net';
import readline from 'node:readline';

const [port, mode] = process.argv.slice(2);

/** One raw command to the TPM, its whole response back (length from the response header). */
function submit(command) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.once('connect', () => socket.write(command));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 6 && received.length >= received.readUInt32BE(2)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.once('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let started = false;
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!started) {
    started = true;
    const encoded = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(line)?.[1];
    const source = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (!source.includes('Tbsip_Submit_Command') || !line.includes('exit [FbrTbsBridge]::Run()')) {
      console.log('fbr-tbs fail start');
      process.exit(2);
    }
    console.log('a line PowerShell itself might print');
    if (mode === 'no-tpm') {
      console.log('fbr-tbs fail 8028400F'); // TBS_E_TPM_NOT_FOUND from Tbsi_Context_Create
      process.exit(1);
    }
    console.log('fbr-tbs ready');
    continue;
  }
  if (mode === 'die-on-command') process.exit(3);
  const text = `fbr-tbs ok ${(await submit(Buffer.from(line.trim(), 'hex'))).toString('hex').toUpperCase()}\n`;
  // In two writes, as a pipe may deliver it: the transport must reassemble the line.
  process.stdout.write(text.slice(0, 9));
  await sleep(2);
  process.stdout.write(text.slice(9));
}
