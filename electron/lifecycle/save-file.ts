import { writeFileAtomic } from '../outbox/atomic-file';
import type { SavedFile } from '../../protocol';

/** Asks where to save (Electron's save dialog in the app, a temp folder in tests); null = cancelled. */
export type ChooseSavePath = (suggestedName: string, kind: 'json' | 'text') => Promise<string | null>;

/** File names the wizard suggests: the registration number only, never a name or e-mail. */
export function suggestedFileName(registrationNumber: string, what: 'export' | 'receipt'): string {
  const safe = registrationNumber.replace(/[^0-9A-Z-]/g, '');
  return what === 'export' ? `registration-${safe}-my-data.json` : `registration-${safe}.txt`;
}

/**
 * Writes `content` where the customer chose (0600, atomically: a half-written file never stays).
 * The dialog lives in the thin Electron glue; this part runs in plain Node.
 */
export async function saveToChosenFile(choose: ChooseSavePath, suggestedName: string, kind: 'json' | 'text', content: string): Promise<SavedFile> {
  const path = await choose(suggestedName, kind);
  if (path === null) return { saved: false };
  await writeFileAtomic(path, content.endsWith('\n') ? content : `${content}\n`);
  return { saved: true, path };
}
