import type { HostClient } from '../host-client/host-client';
import type { FormCache } from './form-cache';

/**
 * The host client with one addition: every form it fetches refreshes the on-disk cache, so the
 * outbox seals to the host's current key. Wrap the client once where the handler map is built.
 */
export function withFormCache(host: HostClient, cache: FormCache): HostClient {
  const attest = host.attest?.bind(host);
  const deviceStatus = host.deviceStatus?.bind(host);
  return {
    baseUrl: host.baseUrl,
    register: (body) => host.register(body),
    lookup: (body) => host.lookup(body),
    update: (number, token, body) => host.update(number, token, body),
    addDevice: (number, token, body) => host.addDevice(number, token, body),
    ...(attest ? { attest } : {}),
    ...(deviceStatus ? { deviceStatus } : {}),
    requestRecovery: (body) => host.requestRecovery(body),
    confirmRecovery: (body) => host.confirmRecovery(body),
    requestTransfer: (body) => host.requestTransfer(body),
    transferStatus: (id) => host.transferStatus(id),
    exportRegistration: (number, token) => host.exportRegistration(number, token),
    releaseDevice: (number, token, deviceId) => host.releaseDevice(number, token, deviceId),
    eraseRegistration: (number, token) => host.eraseRegistration(number, token),
    getForm: async () => {
      const result = await host.getForm();
      if (result.ok) await cache.remember(result.value);
      return result;
    },
  };
}
