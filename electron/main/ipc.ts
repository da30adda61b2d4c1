import { ipcMain } from 'electron';
import { IPC_CHANNELS, type IpcHandlerMap, type IpcMethod } from '../../protocol';
import { isTrustedSender } from './hardening';

/** Registers the handler map on ipcMain; a call from any frame but the wizard's own is refused, not run. */
export function registerIpc(handlers: IpcHandlerMap): void {
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    ipcMain.handle(IPC_CHANNELS[method], async (event, arg: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'call from an untrusted frame' } };
      }
      return handlers[method](arg);
    });
  }
}
