import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerMap } from '../../electron/handlers/create-handler-map';
import type { DeviceScanner } from '../../electron/hardware/device-scanner';
import { createHostClient } from '../../electron/host-client/host-client';
import type { OutboxEvent } from '../../electron/outbox/outbox';
import { createPcAttestor, type PcAttestor } from '../../electron/tpm';
import type { DeviceIdentity, FormSettings, IpcHandlerMap, ScannedDevice } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, pc, PASSWORD, POLICY_VERSION } from '../support/fixtures';
import { request } from '../support/http';
import { readStore } from '../support/stored-rows';
import { startSoftwareTpm, type SoftwareTpm } from '../support/software-tpm';
import { haveTools } from '../support/system-tools';
import { useCleanups } from '../support/use-cleanups';
import { useTestHost, type SuiteHost } from '../support/use-test-host';
import { openRecordedOutbox } from './support/open-outbox';

// The handlers' side is the same on either store (the host suites cover both): SQLite keeps this lean.
const [variant] = await databaseVariants('attestation-handlers.test');
const root = mkdtempSync(path.join(os.tmpdir(), 'attestation-handlers-'));
const caDir = path.join(root, 'tpm', 'trusted');

/** A scanner that found two PCs (a dual-boot image, say), so register and add-device both run. */
function twoPcs(): { scanner: DeviceScanner; identities: Record<string, DeviceIdentity> } {
  const identities: Record<string, DeviceIdentity> = { 'pc-1': pc(), 'pc-2': pc() };
  const scanned = Object.entries(identities).map(([id, identity]): ScannedDevice => ({
    id, kind: 'pc', source: 'firmware', vendor: identity.vendor, model: identity.model ?? '', displayName: identity.vendor, serial: identity.serial ?? null, identifiable: true,
  }));
  return {
    identities,
    scanner: { scan: () => Promise.resolve({ devices: scanned, warnings: [] }), readIdentity: (id) => Promise.resolve(identities[id] ?? null) },
  };
}

function wizard(suite: SuiteHost, attestor: PcAttestor): { map: IpcHandlerMap; identities: Record<string, DeviceIdentity> } {
  const { scanner, identities } = twoPcs();
  const host = createHostClient({ baseUrl: suite.host.url, retries: 0 });
  const map = createHandlerMap({ scanner, host, attestor, close: () => undefined, appInfo: () => ({ version: '0', locale: 'ja', hostUrl: host.baseUrl, launchedAtLogin: false }) });
  return { map, identities };
}

const register = (map: IpcHandlerMap) => map.register({ deviceId: 'pc-1', customer: customer(), password: PASSWORD, privacyPolicyVersion: POLICY_VERSION });
const attestedOf = (suite: SuiteHost, identity: DeviceIdentity | undefined) =>
  readStore(suite.database, async (db) => (await db.selectFrom('devices').select('attested').where('serial', '=', identity?.serial ?? '').executeTakeFirstOrThrow()).attested);

describe.skipIf(!variant || !haveTools('swtpm', 'tpm2'))('registration handlers with a TPM (swtpm)', () => {
  let tpm: SoftwareTpm;
  const attestors: PcAttestor[] = [];
  const cleanups = useCleanups();
  const attestor = (tcti: string | null) => {
    const made = createPcAttestor({ tcti, log: () => undefined });
    attestors.push(made);
    return made;
  };
  beforeAll(async () => {
    tpm = await startSoftwareTpm(path.join(root, 'tpm'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(attestors.map((made) => made.close()));
    await tpm?.stop();
    await rm(root, { recursive: true, force: true });
  });

  describe('ATTESTATION=require', () => {
    const suite = useTestHost(variant!, { ATTESTATION: 'require', TPM_EK_CA_DIR: caDir });

    it('proves the TPM for a new registration and for an added PC, without the renderer knowing', async () => {
      const { map, identities } = wizard(suite, attestor(tpm.tcti));
      await map.scanDevices(undefined);
      const registered = await register(map);
      expect(registered.ok).toBe(true);
      if (!registered.ok) return;
      expect(Object.keys(registered.value)).not.toContain('attestation');
      const added = await map.addDevice({ registrationNumber: registered.value.registrationNumber, deviceId: 'pc-2' });
      expect(added.ok).toBe(true);
      expect(await attestedOf(suite, identities['pc-1'])).toBe(1);
      expect(await attestedOf(suite, identities['pc-2'])).toBe(1);
    });

    it('delivers a PC registration kept offline with a proof obtained at delivery', async () => {
      const publicKey = (await request<FormSettings>(suite.host.url, 'GET', '/api/v1/form')).body.outboxPublicKey;
      const outcomes: Record<string, string> = {};
      for (const [name, tcti] of [['with TPM', tpm.tcti], ['without TPM', null]] as const) {
        const events: OutboxEvent[] = [];
        const made = attestor(tcti);
        const outbox = await openRecordedOutbox(cleanups, { dataDir: path.join(root, `outbox-${tcti ? 'tpm' : 'none'}`), hostUrl: suite.host.url, events, log: [], prove: () => made.prove(createHostClient({ baseUrl: suite.host.url })) });
        const body = newRegistration();
        await outbox.add(body, publicKey);
        await outbox.sendDue(true);
        const settled = events.find((event) => event.type !== 'changed');
        outcomes[name] = settled?.type === 'rejected' ? `rejected ${settled.entry.error?.code ?? ''}` : (settled?.type ?? 'none');
        if (tcti) expect(await attestedOf(suite, body.device)).toBe(1);
      }
      expect(outcomes).toEqual({ 'with TPM': 'delivered', 'without TPM': 'rejected ATTESTATION_REQUIRED' });
    });

    it('passes on the refusal when this PC has no TPM', async () => {
      const { map } = wizard(suite, attestor(null));
      await map.scanDevices(undefined);
      expect(await register(map)).toMatchObject({ ok: false, error: { code: 'ATTESTATION_REQUIRED' } });
    });
  });

  describe('ATTESTATION=prefer', () => {
    const suite = useTestHost(variant!, { ATTESTATION: 'prefer', TPM_EK_CA_DIR: caDir });

    it('registers a PC without a TPM, or whose TPM cannot be reached, unattested', async () => {
      for (const tcti of [null, 'swtpm:host=127.0.0.1,port=1']) {
        const { map, identities } = wizard(suite, attestor(tcti));
        await map.scanDevices(undefined);
        expect((await register(map)).ok).toBe(true);
        expect(await attestedOf(suite, identities['pc-1'])).toBe(0);
      }
    });
  });
});
