import type { Page } from '@playwright/test';
import { IPC_CHANNELS, type IpcHandlerMap, type IpcMethod, type IpcResult } from '../../protocol';
import { WIZARD_ORIGIN } from './serve-renderer';

const BINDING = '__desktopInvoke';

function isMethod(value: unknown): value is IpcMethod {
  return typeof value === 'string' && Object.hasOwn(IPC_CHANNELS, value);
}

/**
 * Installs `window.desktop` in the page, backed by the real handler map: what the preload does
 * in Electron, with the same sender check (only the wizard's own top frame may call).
 */
export async function bridgeDesktop(page: Page, handlers: IpcHandlerMap): Promise<void> {
  await page.exposeBinding(BINDING, async (source, method: unknown, arg: unknown): Promise<IpcResult<unknown>> => {
    const fromWizard = source.frame === page.mainFrame() && new URL(source.frame.url()).origin === WIZARD_ORIGIN;
    if (!fromWizard) return { ok: false, error: { code: 'FORBIDDEN', message: 'call from an unexpected frame' } };
    if (!isMethod(method)) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unknown call' } };
    return handlers[method](arg);
  });
  await page.addInitScript(
    ({ binding, methods }) => {
      const target = globalThis as unknown as Record<string, unknown>;
      const invoke = target[binding] as (method: string, arg: unknown) => Promise<unknown>;
      const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
      for (const method of methods) api[method] = (arg?: unknown) => invoke(method, arg);
      Object.defineProperty(globalThis, 'desktop', { value: Object.freeze(api), enumerable: true });
    },
    { binding: BINDING, methods: Object.keys(IPC_CHANNELS) },
  );
}
