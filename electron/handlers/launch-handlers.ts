import type { IpcHandlerMap } from '../../protocol';
import type { LaunchEvent } from '../first-boot/launch-state';
import { defineHandler, ok } from './define-handler';

/** What the handler needs of the launch state (the `LaunchController`). */
export interface LaunchPort {
  record(event: LaunchEvent): Promise<'not-registered' | 'pending' | 'registered' | 'declined'>;
}

/** "Remind me later" / "Don't ask again": stored machine-wide, answered with the resulting state. */
export function createLaunchHandlers(deps: { launch: LaunchPort }): Pick<IpcHandlerMap, 'setLaunchChoice'> {
  return {
    setLaunchChoice: defineHandler('setLaunchChoice', async (choice) => ok({ state: await deps.launch.record({ type: choice }) })),
  };
}
