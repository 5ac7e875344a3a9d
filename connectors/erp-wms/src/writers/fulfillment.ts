// createFulfillment: a shipment the hub shipped, told to the ERP as an 856 ship notice (X12) or a
// shipment confirmation CSV. Once per hub shipment: the file sent for it is remembered in the
// connection's state, so a repeated push writes nothing.
import type { CanonicalFulfillment, ConnectorContext, WriteResult } from '@oms/connector-kit';
import { shipNotice } from '../edi/documents-out';
import type { ErpWmsConfig } from '../manifest';
import { withTransport } from '../transport/open-transport';
import { csvText, stateOf, writeInterchange, writeOutbound } from './outbound-file';

const SHIPMENT_FIELDS = ['orderRef', 'shipmentId', 'sku', 'quantity', 'carrier', 'trackingNumber', 'trackingUrl', 'shipDate'] as const;

export async function createFulfillment(ctx: ConnectorContext<ErpWmsConfig>, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  const { config } = ctx;
  const state = stateOf(ctx);
  const sent = (await state.read()).sentShipments[fulfillment.shipmentId];
  if (sent) return { reference: sent };
  const file = await withTransport(
    config,
    async (transport) => {
      if (config.outboundFormat === 'x12') return (await writeInterchange(ctx, transport, [shipNotice(fulfillment)])).file;
      const rows = fulfillment.lines.map((line) => ({
        orderRef: fulfillment.channelOrderId,
        shipmentId: fulfillment.shipmentId,
        sku: line.sku,
        quantity: line.quantity,
        carrier: fulfillment.carrier,
        trackingNumber: fulfillment.trackingNumber,
        trackingUrl: fulfillment.trackingUrl,
        shipDate: fulfillment.shippedAt,
      }));
      const name = `shipment-${fulfillment.shipmentId.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
      return writeOutbound(transport, config, name, csvText(config.columns.shipmentsOut, SHIPMENT_FIELDS, rows, config.csvDelimiter));
    },
    ctx.signal,
  );
  await state.update((data) => {
    data.sentShipments[fulfillment.shipmentId] = file;
  });
  ctx.log.info({ file, shipmentId: fulfillment.shipmentId }, 'shipment confirmation written');
  return { reference: file };
}
