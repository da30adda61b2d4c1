import { ConfigError } from './config';
import { startHost } from './start-host';

/** `npm run host`: configuration from the environment, one line on start, clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let host;
  try {
    host = await startHost({ ownProcess: true });
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `registration host failed to start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  const running = host;
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop());
  process.once('SIGINT', () => stop());
}

void main();
