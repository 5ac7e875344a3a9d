// Order export to a WMS: the hub's orders (or the lines of one shipment) as an orders file in the
// outbound folder, one row per line, in the connection's `ordersOut` columns. The WMS answers with
// shipment confirmations whose order_ref is the exported one.
import type { CanonicalAddress, ConnectorContext } from '@oms/connector-kit';
import type { ErpWmsConfig } from '../manifest';
import { withTransport } from '../transport/open-transport';
import { csvText, timedName, writeOutbound } from './outbound-file';

export interface ExportedOrder {
  /** What the WMS quotes back: the hub order id. */
  orderRef: string;
  email?: string;
  shippingAddress: CanonicalAddress;
  lines: Array<{ sku: string; quantity: number }>;
  carrierService?: string;
  shipBy?: string;
}

const FIELDS = ['orderRef', 'lineNo', 'sku', 'quantity', 'shipName', 'address1', 'address2', 'city', 'region', 'zip', 'country', 'email', 'carrierService', 'shipBy'] as const;

export async function exportOrders(ctx: ConnectorContext<ErpWmsConfig>, orders: ExportedOrder[]): Promise<{ file: string | null }> {
  if (!orders.length) return { file: null };
  const rows = orders.flatMap((order) =>
    order.lines.map((line, index) => ({
      orderRef: order.orderRef,
      lineNo: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      shipName: order.shippingAddress.name,
      address1: order.shippingAddress.line1,
      address2: order.shippingAddress.line2,
      city: order.shippingAddress.city,
      region: order.shippingAddress.region,
      zip: order.shippingAddress.postalCode,
      country: order.shippingAddress.countryCode,
      email: order.email,
      carrierService: order.carrierService,
      shipBy: order.shipBy,
    })),
  );
  const content = csvText(ctx.config.columns.ordersOut, FIELDS, rows, ctx.config.csvDelimiter);
  const file = await withTransport(ctx.config, (transport) => writeOutbound(transport, ctx.config, timedName('orders', 'csv'), content), ctx.signal);
  return { file };
}
