/**
 * What a message carries besides its text, built at delivery from the row's `data` (so a file
 * reflects the event as it is when the message goes out).
 */
import type { Database } from '../lib/db.js';
import type { Attachment } from './render.js';

export async function attachmentsFor(_db: Database, _row: { tenantId: string; lang: string; data: Record<string, unknown> | null }): Promise<Attachment[]> {
  return [];
}
