import { sql, type Kysely, type Transaction } from 'kysely';
import type { HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;

/** Findings operators see on a device (OPERATOR-API.md). */
export type DeviceFinding = 'not_in_manifest' | 'manifest_mismatch' | 'cloned_installation';

/** Records a finding on a device by its public id; recording it twice keeps one. */
export async function addFinding(db: Db, publicDeviceId: string, finding: DeviceFinding, at: number): Promise<void> {
  await sql`insert into device_findings (device_id, finding, at)
    select id, ${finding}, ${at} from devices where public_id = ${publicDeviceId}
    on conflict (device_id, finding) do nothing`.execute(db);
}

/** Registered PCs (other than this one) with this installationId but another serial and another UUID. */
export async function clonedInstallationPeers(
  db: Db,
  device: { publicId: string; installationId: string; serialKey: string | null; hardwareUuid: string | null },
): Promise<string[]> {
  const rows = await db
    .selectFrom('devices')
    .select('public_id')
    .where('kind', '=', 'pc')
    .where('installation_id', '=', device.installationId)
    .where('released_at', 'is', null)
    .where('public_id', '!=', device.publicId)
    .where((eb) => (device.serialKey === null ? eb.lit(true) : eb.or([eb('serial_key', 'is', null), eb('serial_key', '!=', device.serialKey)])))
    .where((eb) => (device.hardwareUuid === null ? eb.lit(true) : eb.or([eb('hardware_uuid', 'is', null), eb('hardware_uuid', '!=', device.hardwareUuid)])))
    .execute();
  return rows.map((row) => row.public_id);
}
