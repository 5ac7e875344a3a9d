// How an inbox dead letter is stored and read back: one letter per file and record (a file applied
// again after a crash lands on the same letters), with where it is in the file and, for a stock count
// the hub refused, the count and what was reserved.
import type { InboxDeadLetterEntry, InboxStockRefusal } from '@oms/connector-kit';
import type { DeadLetterRecord } from '../../models/dead-letter.model';
import type { DeadLetters, NewDeadLetter } from '../dead-letters';

/** What an INBOX letter's `raw` holds. */
export interface InboxLetterRaw {
  /** The part of the inbox the record belongs to: ORDERS, STOCK, FULFILLMENTS or EDI. */
  kind: InboxDeadLetterEntry['stream'];
  file: string;
  row: number | null;
  /** A CSV column, or an EDI segment. */
  column: string | null;
  channelId: string;
  stockCountRefusal: InboxStockRefusal | null;
  detail: unknown;
}

export function inboxLetterId(entry: Pick<InboxDeadLetterEntry, 'file' | 'row' | 'channelId'>): string {
  return `${entry.file}${entry.row ? ` row ${entry.row}` : ''} ${entry.channelId}`;
}

export function toInboxLetters(entries: InboxDeadLetterEntry[], refusals: InboxStockRefusal[]): NewDeadLetter[] {
  const refusalAt = new Map(refusals.map((refusal) => [`${refusal.file}\u0000${refusal.row}\u0000${refusal.sku}`, refusal]));
  return entries.map((entry) => {
    const refusal = entry.stream === 'STOCK' && entry.row ? refusalAt.get(`${entry.file}\u0000${entry.row}\u0000${entry.channelId}`) ?? null : null;
    const raw: InboxLetterRaw = { kind: entry.stream, file: entry.file, row: entry.row ?? null, column: entry.column ?? null, channelId: entry.channelId, stockCountRefusal: refusal, detail: entry.raw ?? null };
    return { channelRecordId: inboxLetterId(entry), stage: refusal ? 'HUB' : 'FILE', reason: entry.reason, raw };
  });
}

export function inboxRaw(letter: Pick<DeadLetterRecord, 'stream' | 'raw'>): InboxLetterRaw | null {
  if (letter.stream !== 'INBOX' || !letter.raw || typeof letter.raw !== 'object') return null;
  return letter.raw as InboxLetterRaw;
}

export interface RefusedStockCountView extends InboxStockRefusal {
  refusedAt: Date;
  deadLetterId: string;
}

export function refusedStockCountOf(letter: DeadLetterRecord): RefusedStockCountView | null {
  const refusal = inboxRaw(letter)?.stockCountRefusal;
  return refusal ? { ...refusal, refusedAt: letter.updatedAt, deadLetterId: letter._id } : null;
}

/** The connection's open refused stock counts, newest first (at most 100). */
export async function refusedStockCounts(deadLetters: DeadLetters, connectionId: string, first: number): Promise<RefusedStockCountView[]> {
  const letters = await deadLetters.unresolvedOf(connectionId, 'INBOX');
  return letters
    .map(refusedStockCountOf)
    .filter((view): view is RefusedStockCountView => !!view)
    .sort((a, b) => b.refusedAt.getTime() - a.refusedAt.getTime())
    .slice(0, Math.max(0, Math.min(first, 100)));
}
