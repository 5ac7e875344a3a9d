// A record of an inbound file that could not be applied: where it is (file, row, column or EDI
// segment), what is wrong, and the stream it belongs to. The rest of the file is applied. The shapes
// are the kit's inbox contract, so the runtime stores them as they are.
import type { InboxDeadLetterEntry, InboxStockRefusal } from '@oms/connector-kit';

export type InboxStream = InboxDeadLetterEntry['stream'];

export type InboxDeadLetter = InboxDeadLetterEntry;

/** A stock count the hub refused because it is below what is reserved there: never applied silently. */
export type StockCountRefusal = InboxStockRefusal;
