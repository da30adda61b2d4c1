import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { IpcHandlerMap } from '../../protocol';
import { checkHostUrl } from '../../electron/config/host-url';
import { LaunchController } from '../../electron/first-boot/launch-controller';
import { LaunchStateStore } from '../../electron/first-boot/launch-state-store';
import { createDesktopHandlers } from '../../electron/handlers/desktop-handlers';
import type { NetworkSettingsDeps } from '../../electron/handlers/network-settings-handlers';
import { createDeviceScanner } from '../../electron/hardware';
import { startHost } from '../../server/start-host';

export interface WizardStackOptions {
  /** A running host; unset starts an embedded one on SQLite in a temp folder. */
  hostUrl?: string | undefined;
  /** A recorded machine; unset reads this machine. */
  replayDir?: string | undefined;
  /** The "OS language" the wizard starts in. */
  locale?: string;
  /** Extra host settings for the embedded host (e.g. cheaper password hashing in tests). */
  hostEnv?: Record<string, string>;
  /** Put the wizard's own data (outbox, launch state) here instead of a temp folder. */
  dataDir?: string;
  /** Short HTTP timeouts and no resends, so "host down" shows at once in tests. */
  fast?: boolean;
  /** The host's outbox public key as a build would carry it, for a PC that never reached the host. */
  buildPublicKey?: string;
  onClose?: () => void;
  /** Where "open in the browser" goes outside Electron (the preview prints the URL). */
  onOpenExternal?: (url: string) => void;
  /** The OS network settings as the handler map sees them (tests pass a platform's target and a recorder). */
  networkSettings?: NetworkSettingsDeps;
  /** Where "save" writes outside Electron (no dialog): a file name in, a path out; default `<dataDir>/saved/<name>`. */
  savePath?: (suggestedName: string) => string | null;
}

export interface WizardStack {
  hostUrl: string;
  handlers: IpcHandlerMap;
  dataDir: string;
  stop(): Promise<void>;
}

const VERSION = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

/** Starts an embedded registration host in a fresh temp folder (port 0, SQLite). */
export async function startEmbeddedHost(env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'registration-host-'));
  const host = await startHost({
    port: 0,
    operatorPort: 0,
    host: '127.0.0.1',
    dataDir: dir,
    databaseUrl: `sqlite:${join(dir, 'registrations.sqlite')}`,
    env: { LOG_LEVEL: 'warn', ...env },
  });
  return {
    url: host.url,
    async close() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything behind `window.desktop` outside Electron: the host (given or embedded), the
 * scanner (live or replayed) and the very handler map the main process registers.
 */
export async function startWizardStack(options: WizardStackOptions = {}): Promise<WizardStack> {
  const embedded = options.hostUrl === undefined ? await startEmbeddedHost(options.hostEnv) : undefined;
  const hostUrl = checkHostUrl(options.hostUrl ?? embedded?.url ?? '');
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'registration-wizard-')));
  const launch = new LaunchController({ store: new LaunchStateStore(join(dataDir, 'launch-state.json')), autostart: null, log: () => undefined });
  const desktop = await createDesktopHandlers({
    hostUrl,
    scanner: createDeviceScanner(options.replayDir ? { replayDir: options.replayDir } : {}),
    dataDir,
    launch,
    timeoutMs: options.fast ? 3000 : 10_000,
    retries: options.fast ? 0 : 2,
    log: () => undefined,
    ...(options.buildPublicKey ? { buildPublicKey: options.buildPublicKey } : {}),
    appInfo: () => ({ version: VERSION.version, locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale, hostUrl, launchedAtLogin: false }),
    close: () => options.onClose?.(),
    openExternal: (url) => Promise.resolve(options.onOpenExternal?.(url)),
    ...(options.networkSettings ? { networkSettings: options.networkSettings } : {}),
    chooseSavePath: async (name) => {
      const chosen = options.savePath ? options.savePath(name) : join(dataDir, 'saved', name);
      if (chosen !== null) await mkdir(dirname(chosen), { recursive: true });
      return chosen;
    },
  });
  return {
    hostUrl,
    handlers: desktop.handlers,
    dataDir,
    async stop() {
      await desktop.dispose();
      await embedded?.close();
      // A handler the page called just before the end (a form cached, a state file written) may still add a file while the folder goes: retry.
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
