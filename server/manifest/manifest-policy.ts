import type { Transaction } from 'kysely';
import { canonicalText, foldCase } from '../../protocol';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import { addFinding, clonedInstallationPeers, type DeviceFinding } from '../repositories/findings-repository';
import { findManifestDevice } from '../repositories/manifest-repository';
import { recordRefusal } from '../repositories/refusals-repository';
import type { IdentifiedDevice } from '../services/device-keys';
import type { ServiceDeps } from '../services/service-deps';

/** What the manifest says of a device: nothing to say, not in it, or in it with other hardware. */
export type ManifestFinding = Extract<DeviceFinding, 'not_in_manifest' | 'manifest_mismatch'> | null;

const sameModel = (a: string, b: string): boolean => foldCase(canonicalText(a)) === foldCase(canonicalText(b));

/**
 * Judges a device against the maker's manifest (API.md "Genuine devices"): only devices whose
 * (kind, vendor) the manifest covers are judged. Manifests carry no EDID product code, so the
 * plain serial key is compared. Under `enforce` a finding is a 422; under `flag` it is returned
 * for recording with the device; `off` never reads the manifest.
 */
export async function judgeAgainstManifest(deps: ServiceDeps, device: IdentifiedDevice, endpoint: string): Promise<ManifestFinding> {
  if (deps.config.manifestPolicy === 'off') return null;
  const found = await findManifestDevice(deps.db, device.kind, device.vendorKey, device.serial === null ? null : device.serial.toUpperCase());
  if (!found.covered) return null;
  let finding: ManifestFinding = null;
  if (found.row === null) finding = 'not_in_manifest';
  else {
    const uuidDiffers = found.row.hardware_uuid !== null && device.hardwareUuid !== null && found.row.hardware_uuid !== device.hardwareUuid;
    const modelDiffers = found.row.model !== '' && device.model !== '' && !sameModel(found.row.model, device.model);
    if (uuidDiffers || modelDiffers) finding = 'manifest_mismatch';
  }
  if (finding === null || deps.config.manifestPolicy === 'flag') return finding;
  // Nothing of the device is stored, but support sees why it was refused (GET /refusals).
  await recordRefusal(deps.db, { at: deps.now(), endpoint, device, reason: finding === 'not_in_manifest' ? 'not_recognised' : 'mismatch' });
  if (finding === 'not_in_manifest') throw new ApiError('DEVICE_NOT_RECOGNISED', 'the maker did not ship a device with this serial number');
  throw new ApiError('DEVICE_MISMATCH', 'the maker shipped this serial number in other hardware');
}

/**
 * Records, in the registering transaction, the manifest finding (flag) and a cloned installation:
 * a PC whose installationId a registered PC with other serial and UUID already has is marked on
 * both, counted in `cloned_installations_total`, and still registered.
 */
export async function recordDeviceFindings(
  deps: ServiceDeps,
  trx: Transaction<HostDatabase>,
  device: IdentifiedDevice,
  publicId: string,
  manifestFinding: ManifestFinding,
  at: number,
): Promise<void> {
  if (manifestFinding !== null) await addFinding(trx, publicId, manifestFinding, at);
  if (device.kind !== 'pc' || device.installationId === null) return;
  const peers = await clonedInstallationPeers(trx, { publicId, installationId: device.installationId, serialKey: device.serialKey, hardwareUuid: device.hardwareUuid });
  if (peers.length === 0) return;
  for (const peer of [publicId, ...peers]) await addFinding(trx, peer, 'cloned_installation', at);
  deps.metrics.clonedInstallations.inc();
}
