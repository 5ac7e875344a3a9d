// Orders from an ERP's CSV (one row per order line) to canonical orders. A bad row makes its order
// a dead letter naming file, row and column; the other orders of the file go on.
import type { CanonicalOrder, ChannelRecord } from '@oms/connector-kit';
import { dateField, intField, moneyField, readCsv, requiredField, RowError, type CsvRow } from '../csv/read-csv';
import { REQUIRED_FIELDS, type OrderInColumns } from '../csv/columns';

type Field = keyof OrderInColumns & string;

export interface OrderFileOptions {
  columns: OrderInColumns;
  delimiter: string;
  defaultCurrency: string;
  /** The file's time (for orders without a date). */
  fileTime: string;
}

const CANCELLED = new Set(['cancelled', 'canceled', 'void', 'deleted']);

function mapOrder(ref: string, rows: Array<CsvRow<Field>>, options: OrderFileOptions): CanonicalOrder {
  const head = rows[0];
  const country = requiredField(head, 'country').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw head.fail('country', `"${country}" is not an ISO-3166 alpha-2 country`);
  const email = requiredField(head, 'email');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw head.fail('email', `"${email}" is not an e-mail address`);
  const currency = (head.get('currency') || options.defaultCurrency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw head.fail('currency', `"${currency}" is not an ISO-4217 code`);
  const placedAt = dateField(head, 'orderDate') ?? options.fileTime;
  const shipBy = dateField(head, 'shipBy');
  const lines = rows.map((row, index) => ({
    channelLineId: row.get('lineNo') || String(index + 1),
    sku: requiredField(row, 'sku'),
    quantity: intField(row, 'quantity', 1),
    unitPrice: moneyField(row, 'unitPrice'),
    tax: 0,
  }));
  const name = requiredField(head, 'shipName');
  return {
    channelOrderId: ref,
    channelOrderNumber: ref,
    state: CANCELLED.has(head.get('status').toLowerCase()) ? 'CANCELLED' : 'OPEN',
    currency,
    customer: { email, name },
    shippingAddress: {
      name,
      line1: requiredField(head, 'address1'),
      line2: head.get('address2') || undefined,
      city: requiredField(head, 'city'),
      region: head.get('region') || undefined,
      postalCode: head.get('zip') || undefined,
      countryCode: country,
    },
    lines,
    shippingPrice: 0,
    discount: 0,
    placedAt,
    updatedAt: options.fileTime,
    purchaseOrderNumber: head.get('purchaseOrder') || undefined,
    promise: shipBy ? { latestShipAt: shipBy } : undefined,
  };
}

/** Every order of the file in file order, mapped or dead-lettered. Throws RowError when the header is unusable. */
export function ordersFromCsv(file: string, content: Buffer | string, options: OrderFileOptions): Array<ChannelRecord<CanonicalOrder>> {
  const table = readCsv<Field>(file, content, options.columns, REQUIRED_FIELDS.ordersIn, options.delimiter);
  const groups = new Map<string, Array<CsvRow<Field>>>();
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  for (const row of table.rows) {
    const ref = row.get('orderRef');
    if (!ref) {
      records.push({ ok: false, channelId: `${file}#${row.row}`, reason: row.fail('orderRef', 'is empty').message, raw: { file, row: row.row } });
      continue;
    }
    if (!groups.has(ref)) groups.set(ref, []);
    groups.get(ref)!.push(row);
  }
  for (const [ref, rows] of groups) {
    try {
      records.push({ ok: true, channelId: ref, record: mapOrder(ref, rows, options) });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      records.push({ ok: false, channelId: ref, reason: error.message, raw: { file, row: error.row, column: error.column } });
    }
  }
  return records;
}
