import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, TransfersTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored transfer as read back. */
export type TransferRow = Selectable<TransfersTable>;

/** Records a new transfer request. */
export async function insertTransfer(db: Db, row: Insertable<TransfersTable>): Promise<void> {
  await db.insertInto('transfers').values(row).execute();
}

/** A transfer by the requester's handle. */
export async function findTransfer(db: Db, id: string): Promise<TransferRow | undefined> {
  return db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A transfer by the keyed hash of its owner decision token. */
export async function findTransferByTokenHash(db: Db, tokenHash: string): Promise<TransferRow | undefined> {
  return db.selectFrom('transfers').selectAll().where('decision_token_hash', '=', tokenHash).executeTakeFirst();
}

/** Decides a pending transfer; false when it was no longer pending (someone decided first). */
export async function decideTransfer(db: Db, id: string, decision: { status: 'approved' | 'declined'; decidedBy: string; reason: string | null; now: number }): Promise<boolean> {
  const result = await db
    .updateTable('transfers')
    .set({ status: decision.status, decided_at: decision.now, decided_by: decision.decidedBy, reason: decision.reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending transfers of a device lapse once it is released some other way (or by another transfer). */
export async function expirePendingTransfers(db: Db, deviceId: string, now: number, keepId?: string): Promise<void> {
  let query = db.updateTable('transfers').set({ status: 'expired', decided_at: now }).where('device_id', '=', deviceId).where('status', '=', 'pending');
  if (keepId !== undefined) query = query.where('id', '!=', keepId);
  await query.execute();
}

/** A transfer in the operators' list, with the device asked for (null once the device row is gone). */
export type ListedTransferRow = TransferRow & { device_kind: string | null; device_vendor: string | null; device_model: string | null; device_serial: string | null };

/** Where the previous page of a transfer list ended (its last row's sort key). */
export interface TransferCursor {
  createdAt: number;
  id: string;
}

/** Transfers in one status, oldest first (a queue), after the cursor; `pending` lists only those waiting for an operator. */
export async function listTransfers(db: Db, status: TransferRow['status'], now: number, page: { limit: number; after?: TransferCursor }): Promise<ListedTransferRow[]> {
  let query = db
    .selectFrom('transfers')
    .leftJoin('devices', 'devices.public_id', 'transfers.device_id')
    .selectAll('transfers')
    .select(['devices.kind as device_kind', 'devices.vendor as device_vendor', 'devices.model as device_model', 'devices.serial as device_serial'])
    .where('transfers.status', '=', status);
  if (status === 'pending') query = query.where((eb) => eb.or([eb('transfers.owner_until', 'is', null), eb('transfers.owner_until', '<=', now)]));
  const after = page.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('transfers.created_at', '>', after.createdAt), eb.and([eb('transfers.created_at', '=', after.createdAt), eb('transfers.id', '>', after.id)])]),
    );
  }
  return query.orderBy('transfers.created_at').orderBy('transfers.id').limit(page.limit).execute();
}
