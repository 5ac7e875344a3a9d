// Inventory items (SKUs): one per SKU. Stock lives in stock levels, not here.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page } from '@oms/platform';

export interface InventoryItemRecord {
  _id: Types.ObjectId;
  sku: string;
  name: string;
  description?: string | null;
  barcode?: string | null;
  weightGrams?: number | null;
  /** Self-service price of one unit (minor units of listPriceCurrency); customers' orders are priced from it. */
  listPrice?: number | null;
  listPriceCurrency?: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type InventoryItemConnectionRecord = Page<InventoryItemRecord>;
export type InventoryItemModel = Model<InventoryItemRecord>;

const inventoryItemSchema = new Schema<InventoryItemRecord>(
  {
    sku: { type: String, required: true, trim: true },
    name: { type: String, required: true },
    description: String,
    barcode: String,
    weightGrams: { type: Number, min: 0 },
    listPrice: { type: Number, min: 0 },
    listPriceCurrency: String,
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'inventory_items' },
);
// Federation references, `inventoryItem(sku)` and the keyset page (ordered by sku).
inventoryItemSchema.index({ sku: 1 }, { unique: true });
// `inventoryItems(filter: { active })` pages by sku within the active flag.
inventoryItemSchema.index({ active: 1, sku: 1 });

export function inventoryItemModel(connection: Connection): InventoryItemModel {
  return (connection.models.InventoryItem as InventoryItemModel | undefined) ?? connection.model<InventoryItemRecord>('InventoryItem', inventoryItemSchema);
}
