// A record of an inbound file that could not be applied: where it is (file, row, column or EDI
// segment), what is wrong, and the stream it belongs to. The rest of the file is applied.
export type InboxStream = 'ORDERS' | 'STOCK' | 'FULFILLMENTS' | 'EDI';

export interface InboxDeadLetter {
  stream: InboxStream;
  file: string;
  row?: number;
  column?: string;
  /** The record's id on the partner's side: order ref, PO number, SKU, file name. */
  channelId: string;
  reason: string;
  raw?: unknown;
}

/** A stock count the hub refused because it is below what is reserved there: never applied silently. */
export interface StockCountRefusal {
  file: string;
  row: number;
  sku: string;
  locationId: string;
  warehouse: string;
  count: number;
  reserved: number | null;
}
