// The column mapping of each CSV file a connection exchanges: for every field the connector knows,
// the header the partner uses. Defaults follow the common layout in docs (shared/channels/erp-wms.md);
// a partner with other headers overrides only the ones that differ.
import { z } from 'zod';

const header = z.string().min(1);

function mapping<T extends Record<string, string>>(defaults: T) {
  const shape = Object.fromEntries(Object.entries(defaults).map(([field, name]) => [field, header.default(name)])) as { [K in keyof T]: z.ZodDefault<typeof header> };
  return z.object(shape).default(defaults as never);
}

/** Orders an ERP drops (one row per order line; rows of one order share order_ref). */
export const ORDER_IN_COLUMNS = {
  orderRef: 'order_ref', lineNo: 'line_no', sku: 'sku', quantity: 'qty', unitPrice: 'unit_price', currency: 'currency',
  status: 'status', orderDate: 'order_date', email: 'email', shipName: 'ship_name', address1: 'address1', address2: 'address2',
  city: 'city', region: 'region', zip: 'zip', country: 'country', purchaseOrder: 'po_number', shipBy: 'ship_by',
} as const;

/** Shipment confirmations a WMS drops: these units of this order left with this tracking number. */
export const SHIPMENT_IN_COLUMNS = { orderRef: 'order_ref', sku: 'sku', quantity: 'qty_shipped', carrier: 'carrier', trackingNumber: 'tracking_no', shipDate: 'ship_date' } as const;

/** Stock counts a WMS drops; authoritative for the warehouse they name. */
export const STOCK_IN_COLUMNS = { sku: 'sku', warehouse: 'warehouse', quantity: 'qty_on_hand', asOf: 'as_of' } as const;

/** Stock the hub publishes (setStock). */
export const STOCK_OUT_COLUMNS = { sku: 'sku', warehouse: 'warehouse', quantity: 'qty_available', asOf: 'as_of' } as const;

/** Orders the hub sends to a WMS to pick. */
export const ORDER_OUT_COLUMNS = {
  orderRef: 'order_ref', lineNo: 'line_no', sku: 'sku', quantity: 'qty', shipName: 'ship_name', address1: 'address1', address2: 'address2',
  city: 'city', region: 'region', zip: 'zip', country: 'country', email: 'email', carrierService: 'carrier_service', shipBy: 'ship_by',
} as const;

/** Shipments the hub confirms to an ERP (CSV connections; X12 ones get an 856). */
export const SHIPMENT_OUT_COLUMNS = { orderRef: 'order_ref', shipmentId: 'shipment_id', sku: 'sku', quantity: 'qty_shipped', carrier: 'carrier', trackingNumber: 'tracking_no', trackingUrl: 'tracking_url', shipDate: 'ship_date' } as const;

export const columnMappingsSchema = z
  .object({
    ordersIn: mapping(ORDER_IN_COLUMNS),
    shipmentsIn: mapping(SHIPMENT_IN_COLUMNS),
    stockIn: mapping(STOCK_IN_COLUMNS),
    stockOut: mapping(STOCK_OUT_COLUMNS),
    ordersOut: mapping(ORDER_OUT_COLUMNS),
    shipmentsOut: mapping(SHIPMENT_OUT_COLUMNS),
  })
  // prefault: an omitted mapping still gets every column's default.
  .prefault({});

export type ColumnMappings = z.output<typeof columnMappingsSchema>;
export type OrderInColumns = ColumnMappings['ordersIn'];
export type ShipmentInColumns = ColumnMappings['shipmentsIn'];
export type StockInColumns = ColumnMappings['stockIn'];

/** Fields a file of that kind must have; the rest may be missing from the header. */
export const REQUIRED_FIELDS = {
  ordersIn: ['orderRef', 'sku', 'quantity'],
  shipmentsIn: ['orderRef', 'sku', 'quantity', 'trackingNumber'],
  stockIn: ['sku', 'quantity'],
} as const;
