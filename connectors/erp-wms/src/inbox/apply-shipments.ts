// Shipment confirmations from a WMS: the rows of one order and tracking number are one parcel; the
// hub shipment of that order holding exactly those units goes to SHIPPED with the carrier and
// tracking. A confirmation already applied (same tracking, shipped) is a no-op.
import { intField, readCsv, requiredField, RowError, type CsvRow } from '../csv/read-csv';
import { REQUIRED_FIELDS, type ShipmentInColumns } from '../csv/columns';
import type { ErpWmsConfig } from '../manifest';
import type { InboxDeadLetter } from './dead-letter';
import type { HubShipment, InboxHubClient } from './hub-client';

type Field = keyof ShipmentInColumns & string;
const OPEN = new Set(['PENDING', 'PICKING', 'PACKED']);

function sameUnits(shipment: HubShipment, units: Map<string, number>): boolean {
  const held = new Map<string, number>();
  for (const line of shipment.lines) held.set(line.sku, (held.get(line.sku) ?? 0) + line.quantity);
  return held.size === units.size && [...units].every(([sku, quantity]) => held.get(sku) === quantity);
}

export async function applyShipments(file: string, content: Buffer, config: ErpWmsConfig, channel: string, hub: InboxHubClient): Promise<{ applied: number; deadLetters: InboxDeadLetter[] }> {
  const table = readCsv<Field>(file, content, config.columns.shipmentsIn, REQUIRED_FIELDS.shipmentsIn, config.csvDelimiter);
  const deadLetters: InboxDeadLetter[] = [];
  const letter = (row: CsvRow<Field>, column: string, channelId: string, reason: string) =>
    deadLetters.push({ stream: 'FULFILLMENTS', file, row: row.row, column, channelId, reason, raw: { file, row: row.row } });

  const parcels = new Map<string, { orderRef: string; trackingNumber: string; carrier: string; rows: Array<CsvRow<Field>>; units: Map<string, number> }>();
  for (const row of table.rows) {
    try {
      const orderRef = requiredField(row, 'orderRef');
      const trackingNumber = requiredField(row, 'trackingNumber');
      const sku = requiredField(row, 'sku');
      const quantity = intField(row, 'quantity', 1);
      const key = `${orderRef}\u0000${trackingNumber}`;
      if (!parcels.has(key)) parcels.set(key, { orderRef, trackingNumber, carrier: row.get('carrier') || 'OTHER', rows: [], units: new Map() });
      const parcel = parcels.get(key)!;
      parcel.rows.push(row);
      parcel.units.set(sku, (parcel.units.get(sku) ?? 0) + quantity);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      letter(row, error.column, row.get('orderRef') || `${file}#${row.row}`, error.message);
    }
  }

  let applied = 0;
  for (const parcel of parcels.values()) {
    const first = parcel.rows[0];
    const order = await hub.findOrder(channel, parcel.orderRef);
    if (!order) {
      letter(first, first.column('orderRef'), parcel.orderRef, `${file} row ${first.row}, column ${first.column('orderRef')}: the hub has no order ${parcel.orderRef}`);
      continue;
    }
    if (order.shipments.some((shipment) => shipment.status === 'SHIPPED' && shipment.trackingNumber === parcel.trackingNumber && sameUnits(shipment, parcel.units))) {
      applied += 1;
      continue;
    }
    const shipment = order.shipments.find((candidate) => OPEN.has(candidate.status) && sameUnits(candidate, parcel.units));
    if (!shipment) {
      const units = [...parcel.units].map(([sku, quantity]) => `${quantity} × ${sku}`).join(', ');
      const open = order.shipments.filter((candidate) => OPEN.has(candidate.status)).map((candidate) => candidate.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', '));
      letter(first, first.column('quantity'), parcel.orderRef, `${file} row ${first.row}, column ${first.column('quantity')}: no open shipment of order ${parcel.orderRef} holds exactly ${units} (open: ${open.length ? open.join(' | ') : 'none'})`);
      continue;
    }
    const shipped = await hub.ship(shipment, parcel.carrier, parcel.trackingNumber);
    if (shipped.ok) applied += 1;
    else letter(first, first.column('trackingNumber'), parcel.orderRef, `${file} row ${first.row}: the hub refused to ship ${shipment.id}: ${shipped.reason}`);
  }
  return { applied, deadLetters };
}
