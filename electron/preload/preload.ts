import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi, IpcMethod } from '../../protocol/desktop-api';
import { IPC_CHANNELS } from '../../protocol/ipc-channels';

/**
 * The renderer's only way out: one typed function per channel, each a plain invoke. No
 * ipcRenderer, no Node, no event emitters cross the bridge.
 */
function createDesktopApi(): DesktopApi {
  const api: Partial<Record<IpcMethod, (arg?: unknown) => Promise<unknown>>> = {};
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    const channel = IPC_CHANNELS[method];
    api[method] = (arg?: unknown) => ipcRenderer.invoke(channel, arg);
  }
  return Object.freeze(api) as DesktopApi;
}

contextBridge.exposeInMainWorld('desktop', createDesktopApi());
