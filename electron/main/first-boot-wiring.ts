import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, nativeImage, Notification, Tray, type NativeImage } from 'electron';
import type { AutostartPlatform } from '../first-boot/autostart';
import { autostartForPlatform, defaultStateFile } from '../first-boot/autostart-for-platform';
import { LaunchController } from '../first-boot/launch-controller';
import { launchFollowsOutbox } from '../first-boot/launch-follows-outbox';
import { LAUNCH_NAMES } from '../first-boot/launch-names';
import { LaunchStateStore } from '../first-boot/launch-state-store';
import { noticeTexts } from '../first-boot/notice-texts';
import { helperAccess } from '../first-boot/state-file-access';
import type { OutboxEvent } from '../outbox/outbox';

export interface FirstBootOptions {
  /** Opens (or focuses) the wizard window: tray menu and notification clicks. */
  showWizard: () => void;
  /** Machine-wide state file (default per OS; env FBR_LAUNCH_STATE_FILE overrides). */
  stateFile?: string;
  /** How many times "Remind me later" brings the wizard back (default 3; env FBR_MAX_REMINDERS). */
  maxReminders?: number;
  trayIcon?: string | NativeImage;
}

/** What the main entry needs: the launch state for the handlers, and the outbox's visible side. */
export interface FirstBoot {
  /** Pass to createDesktopHandlers({ launch }). */
  launch: LaunchController;
  /** Started by the autostart entry (`--autostart`, or a macOS login item). */
  launchedAtLogin: boolean;
  /** Autostarted although registration is done or declined: quit quietly before opening anything. */
  quitNow: boolean;
  /** Pass to createDesktopHandlers({ onOutboxEvent }): tray, notifications, launch state. */
  onOutboxEvent(event: OutboxEvent): void;
  /** True while registrations wait to be sent: stay in the tray when the window closes. */
  keepRunning(): boolean;
  dispose(): void;
}

/** On macOS the per-user login item follows the state too (Electron's API), besides the machine LaunchAgent. */
function withLoginItem(platform: AutostartPlatform | null): AutostartPlatform | null {
  if (platform === null || process.platform !== 'darwin') return platform;
  return {
    ...platform,
    apply: async (enabled) => {
      app.setLoginItemSettings({ openAtLogin: enabled, args: [LAUNCH_NAMES.autostartArg] });
      return platform.apply(enabled);
    },
  };
}

/**
 * The thin Electron glue of the first-boot layer: reads the launch state at start (and decides
 * whether an autostarted app should stay), keeps the autostart entry in line with it, shows a tray
 * while registrations wait and a notification when the outbox settles one. Call after app ready.
 */
export async function startFirstBoot(options: FirstBootOptions): Promise<FirstBoot> {
  const texts = noticeTexts(app.getLocale());
  const log = (line: string) => console.warn(`[first-boot] ${line}`);
  const maxFromEnv = Number(process.env.FBR_MAX_REMINDERS);
  // The deb's state folder is closed to users: a packaged Linux app goes through the setgid helper.
  const helper = join(process.resourcesPath, 'fbr-state-helper');
  const store =
    app.isPackaged && process.platform === 'linux' && existsSync(helper)
      ? new LaunchStateStore(defaultStateFile(), helperAccess(helper))
      : new LaunchStateStore(options.stateFile ?? process.env.FBR_LAUNCH_STATE_FILE ?? defaultStateFile());
  const launch = new LaunchController({
    store,
    autostart: app.isPackaged ? withLoginItem(autostartForPlatform({ executable: process.execPath })) : null,
    maxReminders: options.maxReminders ?? (Number.isInteger(maxFromEnv) && maxFromEnv >= 0 ? maxFromEnv : 3),
    log,
  });
  const launchedAtLogin =
    process.argv.includes(LAUNCH_NAMES.autostartArg) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  const quitNow = launchedAtLogin && !(await launch.shouldRunAtLogin());
  if (!quitNow) await launch.sync();

  const follow = launchFollowsOutbox(launch, log);
  let tray: Tray | null = null;
  let pending = 0;
  const notify = (title: string, body: string) => {
    if (!Notification.isSupported()) return;
    const notice = new Notification({ title, body });
    notice.on('click', () => options.showWizard());
    notice.show();
  };
  const updateTray = () => {
    if (pending === 0) {
      tray?.destroy();
      tray = null;
      return;
    }
    if (tray === null) {
      tray = new Tray(options.trayIcon ?? nativeImage.createEmpty());
      tray.on('click', () => options.showWizard());
    }
    tray.setToolTip(texts.trayWaiting(pending));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: texts.trayWaiting(pending), enabled: false },
        { label: texts.trayOpen, click: () => options.showWizard() },
      ]),
    );
  };

  return {
    launch,
    launchedAtLogin,
    quitNow,
    onOutboxEvent: (event) => {
      follow(event);
      if (event.type === 'changed') {
        pending = event.pending;
        updateTray();
      } else if (event.type === 'delivered') notify(texts.deliveredTitle, texts.deliveredBody(event.entry.registrationNumber ?? ''));
      else if (event.type === 'duplicate') notify(texts.duplicateTitle, texts.duplicateBody);
      else if (event.type === 'rejected') notify(texts.rejectedTitle, texts.rejectedBody);
      else notify(texts.quarantinedTitle, texts.quarantinedBody);
    },
    keepRunning: () => pending > 0,
    dispose: () => {
      tray?.destroy();
      tray = null;
    },
  };
}
