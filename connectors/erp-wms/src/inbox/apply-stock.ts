// Stock counts from a WMS are authoritative for their warehouse: each row sets the hub's on-hand there
// (a STOCK_TAKE in the ledger, by the WMS connection, with a reason naming file and row). A count
// below what the hub has reserved there is refused by the hub; it is reported with SKU, location,
// count and reserved, never applied.
import { intField, readCsv, requiredField, RowError } from '../csv/read-csv';
import { REQUIRED_FIELDS, type StockInColumns } from '../csv/columns';
import type { ErpWmsConfig } from '../manifest';
import type { InboxDeadLetter, StockCountRefusal } from './dead-letter';
import type { InboxHubClient } from './hub-client';

type Field = keyof StockInColumns & string;

export async function applyStockCounts(
  file: string,
  content: Buffer,
  config: ErpWmsConfig,
  hub: InboxHubClient,
): Promise<{ applied: number; deadLetters: InboxDeadLetter[]; refusals: StockCountRefusal[] }> {
  const table = readCsv<Field>(file, content, config.columns.stockIn, REQUIRED_FIELDS.stockIn, config.csvDelimiter);
  const deadLetters: InboxDeadLetter[] = [];
  const refusals: StockCountRefusal[] = [];
  let locationsByCode: Map<string, string> | null = null;
  let applied = 0;

  for (const row of table.rows) {
    const sku = row.get('sku') || `${file}#${row.row}`;
    try {
      requiredField(row, 'sku');
      const count = intField(row, 'quantity', 0);
      const warehouse = row.get('warehouse') || config.warehouseCode;
      locationsByCode ??= new Map((await hub.locations()).map((location) => [location.code.toLowerCase(), location.id]));
      const locationId = config.locations[warehouse] ?? locationsByCode.get(warehouse.toLowerCase());
      if (!locationId) throw row.fail('warehouse', `warehouse "${warehouse}" is neither mapped in the connection's locations nor a hub location code`);
      const reference = `${file}#${row.row}`;
      const result = await hub.setStock({ sku: row.get('sku'), locationId, onHand: count, reason: `WMS stock count ${file} row ${row.row}`, reference });
      if (result.ok) {
        applied += 1;
        continue;
      }
      if (result.error.extensions?.code === 'INSUFFICIENT_STOCK') {
        const reserved = await hub.reserved(row.get('sku'), locationId);
        refusals.push({ file, row: row.row, sku: row.get('sku'), locationId, warehouse, count, reserved });
        deadLetters.push({
          stream: 'STOCK',
          file,
          row: row.row,
          column: row.column('quantity'),
          channelId: row.get('sku'),
          reason: `${file} row ${row.row}, column ${row.column('quantity')}: stock count below reserved for ${row.get('sku')} at ${warehouse} (location ${locationId}): count ${count}, reserved ${reserved ?? 'unknown'}; not applied`,
          raw: { file, row: row.row, sku: row.get('sku'), locationId, count, reserved },
        });
        continue;
      }
      throw row.fail('sku', `the hub refused the count: ${result.reason}`);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      deadLetters.push({ stream: 'STOCK', file, row: error.row, column: error.column, channelId: sku, reason: error.message, raw: { file, row: error.row } });
    }
  }
  return { applied, deadLetters, refusals };
}
