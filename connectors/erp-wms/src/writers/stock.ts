// setStock: the quantities the hub publishes, as a stock file (CSV) or an 846 inventory advice (X12)
// in the outbound folder; the warehouse or ERP picks it up. One file per push, all SKUs in it.
import type { CanonicalStockLevel, ConnectorContext, WriteResult } from '@oms/connector-kit';
import { inventoryAdvice } from '../edi/documents-out';
import type { ErpWmsConfig } from '../manifest';
import { withTransport } from '../transport/open-transport';
import { csvText, timedName, writeInterchange, writeOutbound } from './outbound-file';

export async function setStock(ctx: ConnectorContext<ErpWmsConfig>, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  if (!levels.length) return {};
  const { config } = ctx;
  const asOf = new Date().toISOString();
  return withTransport(
    config,
    async (transport) => {
      if (config.outboundFormat === 'x12') {
        const reference = timedName('stock', 'x12').replace(/\.x12$/, '').slice(0, 30);
        const { file } = await writeInterchange(ctx, transport, [inventoryAdvice(reference, config.warehouseCode, levels)]);
        return { reference: file };
      }
      const rows = levels.map((level) => ({ sku: level.sku, warehouse: level.channelLocationId ?? config.warehouseCode, quantity: level.quantity, asOf }));
      const name = await writeOutbound(transport, config, timedName('stock', 'csv'), csvText(config.columns.stockOut, ['sku', 'warehouse', 'quantity', 'asOf'] as const, rows, config.csvDelimiter));
      ctx.log.info({ file: name, skus: levels.length }, 'stock file written');
      return { reference: name };
    },
    ctx.signal,
  );
}
