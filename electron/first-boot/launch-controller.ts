import type { AutostartPlatform, AutostartResult } from './autostart';
import { applyLaunchEvent, stateOf, wantsAutostart, type LaunchEvent, type LaunchRecord, type RegistrationState } from './launch-state';
import type { LaunchStateStore } from './launch-state-store';

export interface LaunchControllerOptions {
  store: LaunchStateStore;
  /** Null where no autostart entry is managed (the state still decides whether to stay open). */
  autostart: AutostartPlatform | null;
  /** How many times "Remind me later" brings the wizard back (default 3). */
  maxReminders?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

/**
 * Keeps the machine's registration state and makes the autostart entry follow it: present
 * while not registered or pending, gone once registered or declined.
 */
export class LaunchController {
  private readonly maxReminders: number;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LaunchControllerOptions) {
    this.maxReminders = options.maxReminders ?? 3;
    if (!Number.isInteger(this.maxReminders) || this.maxReminders < 0) throw new Error('maxReminders must be a whole number ≥ 0');
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((line) => console.warn(`[first-boot] ${line}`));
  }

  /** The stored record and its state (a missing or damaged file reads as a fresh machine). */
  async current(): Promise<{ state: RegistrationState; record: LaunchRecord }> {
    const { record, issue } = await this.options.store.read(this.now());
    if (issue !== undefined && issue !== 'missing') this.log(`launch state file ${this.options.store.file} is ${issue}; treating the machine as not registered`);
    return { state: stateOf(record), record };
  }

  /** Whether a launch at logon should stay open (else the app quits quietly: the entry may be root-owned). */
  async shouldRunAtLogin(): Promise<boolean> {
    return wantsAutostart((await this.current()).state);
  }

  /** Applies an event, stores the result, and brings the autostart entry in line. */
  async record(event: LaunchEvent): Promise<RegistrationState> {
    return this.serialize(async () => {
      const { record } = await this.current();
      const next = applyLaunchEvent(record, event, this.maxReminders, this.now());
      if (next !== record) await this.options.store.write(next);
      const state = stateOf(next);
      if (stateOf(record) !== state) this.log(`registration state ${stateOf(record)} -> ${state}`);
      await this.applyAutostart(state);
      return state;
    });
  }

  /** Makes the autostart entry match the stored state (at every start: repairs a lost or stale entry). */
  async sync(): Promise<AutostartResult | null> {
    return this.serialize(async () => this.applyAutostart((await this.current()).state));
  }

  private async applyAutostart(state: RegistrationState): Promise<AutostartResult | null> {
    if (this.options.autostart === null) return null;
    const result = await this.options.autostart.apply(wantsAutostart(state));
    if (!result.applied) this.log(`autostart entry not ${result.enabled ? 'written' : 'removed'} (${result.error ?? 'unknown'}); the state file still decides`);
    return result;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
