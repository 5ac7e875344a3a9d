// What an inbound file is, from its content: X12 (starts with ISA), or a CSV whose header carries the
// required columns of one of the connection's mappings (orders, shipment confirmations, stock counts).
import type { CanonicalOrder, ChannelRecord } from '@oms/connector-kit';
import { REQUIRED_FIELDS } from '../csv/columns';
import { hasColumns, readHeaders } from '../csv/read-csv';
import { describeSegmentError, purchaseOrderFrom850 } from '../edi/po-850';
import { looksLikeX12, type EdiInterchange } from '../edi/x12-read';
import type { ErpWmsConfig } from '../manifest';
import { ordersFromCsv } from '../mappers/order';

export type FileKind = 'x12' | 'orders' | 'shipments' | 'stock' | 'unknown';

export function fileKind(config: ErpWmsConfig, content: Buffer): FileKind {
  if (looksLikeX12(content)) return 'x12';
  const headers = readHeaders(content, config.csvDelimiter);
  if (hasColumns(headers, config.columns.ordersIn, REQUIRED_FIELDS.ordersIn)) return 'orders';
  if (hasColumns(headers, config.columns.shipmentsIn, REQUIRED_FIELDS.shipmentsIn)) return 'shipments';
  if (hasColumns(headers, config.columns.stockIn, REQUIRED_FIELDS.stockIn)) return 'stock';
  return 'unknown';
}

export function poOptions(config: ErpWmsConfig) {
  return { defaultCurrency: config.defaultCurrency, skuQualifiers: config.x12.skuQualifiers, buyerEmail: config.x12.buyerEmail };
}

/** The orders of every 850 in the interchange, mapped or dead-lettered with the segments at fault. */
export function ordersFrom850s(file: string, interchange: EdiInterchange, received: string, config: ErpWmsConfig): Array<ChannelRecord<CanonicalOrder>> {
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  for (const group of interchange.groups) {
    for (const transaction of group.transactions.filter((set) => set.code === '850')) {
      const result = purchaseOrderFrom850(transaction, received, poOptions(config));
      const channelId = result.poNumber || `${file}#ST${transaction.control}`;
      if (result.ok) records.push({ ok: true, channelId, record: result.order });
      else records.push({ ok: false, channelId, reason: `${file} 850 ${transaction.control}: ${result.errors.map(describeSegmentError).join('; ')}`, raw: { file, transaction: transaction.control, errors: result.errors } });
    }
  }
  return records;
}

export function ordersFromCsvFile(file: string, content: Buffer, modifiedAt: number, config: ErpWmsConfig): Array<ChannelRecord<CanonicalOrder>> {
  return ordersFromCsv(file, content, { columns: config.columns.ordersIn, delimiter: config.csvDelimiter, defaultCurrency: config.defaultCurrency, fileTime: new Date(modifiedAt).toISOString() });
}
