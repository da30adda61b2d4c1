import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { formSettingsSchema, type FormSettings } from '../../protocol';
import { writeFileAtomic } from './atomic-file';
import { describeError, type OutboxLog } from './outbox-log';
import { decodeOutboxPublicKey } from './seal';

const cacheFileSchema = z.object({
  format: z.literal(1),
  hostUrl: z.string(),
  savedAt: z.string(),
  form: formSettingsSchema,
});

/** The key to seal with, and the form it came with (for validating before sealing) when known. */
export interface OutboxKey {
  publicKey: string;
  source: 'host' | 'build';
  form?: FormSettings;
}

export interface FormCacheOptions {
  dataDir: string;
  hostUrl: string;
  /** The host's outbox public key baked into the build, for a PC that never reached the host. */
  buildPublicKey?: string | undefined;
  log: OutboxLog;
}

/**
 * Remembers the last `GET /api/v1/form` answer on disk (it holds nothing personal) so a PC that
 * went offline can still seal to the host's current key and check the form before sealing.
 */
export class FormCache {
  private readonly file: string;

  constructor(private readonly options: FormCacheOptions) {
    this.file = join(options.dataDir, 'host-form.json');
  }

  /** Records a fresh form answer; failures are logged, never thrown (the wizard goes on). */
  async remember(form: FormSettings): Promise<void> {
    try {
      decodeOutboxPublicKey(form.outboxPublicKey);
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const record = { format: 1, hostUrl: this.options.hostUrl, savedAt: new Date().toISOString(), form };
      await writeFileAtomic(this.file, JSON.stringify(record, null, 2));
    } catch (error) {
      this.options.log(`could not cache the host form (${describeError(error)})`);
    }
  }

  /** The cached form for this host, or null. */
  async form(): Promise<FormSettings | null> {
    try {
      const parsed = cacheFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (!parsed.success || parsed.data.hostUrl !== this.options.hostUrl) return null;
      decodeOutboxPublicKey(parsed.data.form.outboxPublicKey);
      return parsed.data.form;
    } catch {
      return null;
    }
  }

  /** The cached host key first, else the build's; null when neither is usable. */
  async key(): Promise<OutboxKey | null> {
    const form = await this.form();
    if (form) return { publicKey: form.outboxPublicKey, source: 'host', form };
    const fromBuild = this.options.buildPublicKey?.trim();
    if (!fromBuild) return null;
    try {
      decodeOutboxPublicKey(fromBuild);
      return { publicKey: fromBuild, source: 'build' };
    } catch (error) {
      this.options.log(`the build's outbox public key is unusable (${describeError(error)})`);
      return null;
    }
  }
}

/** Wraps a form fetcher so every successful answer refreshes the cache (the one hook into getForm). */
export function cachingFormFetcher(fetchForm: () => Promise<FormSettings>, cache: FormCache): () => Promise<FormSettings> {
  return async () => {
    const form = await fetchForm();
    await cache.remember(form);
    return form;
  };
}
