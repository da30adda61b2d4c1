import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { deviceKindSchema, transferStatusValueSchema, type RememberedTransfer, type TransferStatus } from '../../protocol';
import { writeFileAtomic } from '../outbox/atomic-file';

const storedTransferSchema = z.object({
  id: z.string().min(1).max(64),
  transferId: z.string().min(1).max(256),
  device: z.object({ kind: deviceKindSchema, vendor: z.string().max(256), model: z.string().max(256) }),
  deviceId: z.string().max(128).optional(),
  requestedAt: z.string(),
  status: transferStatusValueSchema,
  decidedAt: z.string().optional(),
});
type StoredTransfer = z.infer<typeof storedTransferSchema>;
const storeFileSchema = z.object({ version: z.literal(1), transfers: z.array(storedTransferSchema).max(100) });

/** At most this many are kept; the oldest go first (a PC rarely asks for more than one). */
const MAX_TRANSFERS = 20;

/** What the renderer may see of a remembered transfer: everything but the host's transfer id. */
function shown(stored: StoredTransfer, fresh: boolean): RememberedTransfer {
  const { transferId: _handle, ...rest } = stored;
  return { ...rest, fresh };
}

/**
 * Transfer requests this PC sent, in one small JSON file in the app's data folder (0600, written
 * atomically), so the wizard can show their status on the next launch. The transfer id is the
 * requester's only handle (API.md) and stays in the main process.
 */
export class TransferStore {
  constructor(
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The remembered transfers; an unreadable file counts as none (it held no personal information). */
  async list(): Promise<StoredTransfer[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = storeFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.transfers : [];
    } catch {
      return [];
    }
  }

  private async write(transfers: StoredTransfer[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, transfers: transfers.slice(-MAX_TRANSFERS) }, null, 2)}\n`);
  }

  /** Remembers a request the host accepted. */
  async add(transferId: string, device: StoredTransfer['device'], deviceId: string | undefined): Promise<RememberedTransfer> {
    const entry: StoredTransfer = { id: randomUUID(), transferId, device, ...(deviceId ? { deviceId } : {}), requestedAt: this.now().toISOString(), status: 'pending' };
    await this.write([...(await this.list()), entry]);
    return shown(entry, true);
  }

  /** Asks `check` for each transfer's status and stores what changed; a transfer `check` cannot answer keeps its last status. */
  async refresh(check: (transferId: string) => Promise<TransferStatus | null>): Promise<RememberedTransfer[]> {
    const stored = await this.list();
    const answers = await Promise.all(stored.map((t) => (t.status === 'pending' ? check(t.transferId) : Promise.resolve(null))));
    let changed = false;
    const next = stored.map((t, i) => {
      const answer = answers[i];
      if (!answer || answer.status === t.status) return t;
      changed = true;
      return { ...t, status: answer.status, ...(answer.decidedAt ? { decidedAt: answer.decidedAt } : {}) };
    });
    if (changed) await this.write(next);
    // A decided transfer is final: what is stored is the truth, asked or not.
    return next.map((t, i) => shown(t, t.status !== 'pending' || answers[i] !== null));
  }

  /** Forgets one transfer (the customer dismissed it); answers what remains. */
  async dismiss(id: string): Promise<RememberedTransfer[]> {
    const stored = await this.list();
    const rest = stored.filter((t) => t.id !== id);
    if (rest.length !== stored.length) await this.write(rest);
    return rest.map((t) => shown(t, t.status !== 'pending'));
  }
}
