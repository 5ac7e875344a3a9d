// Stock-holding locations (warehouses, stores, 3PLs, drop-ship suppliers), one per unique code.
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export type LocationKind = 'WAREHOUSE' | 'STORE' | 'THIRD_PARTY_LOGISTICS' | 'DROP_SHIP_SUPPLIER';
export const LOCATION_KINDS = ['WAREHOUSE', 'STORE', 'THIRD_PARTY_LOGISTICS', 'DROP_SHIP_SUPPLIER'] as const;

export interface LocationAddressRecord {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  countryCode: string;
  /** Geo-coded position, used by routing to pick the nearest location. */
  lat: number;
  lng: number;
}

export interface LocationRecord {
  _id: Types.ObjectId;
  code: string;
  name: string;
  kind: LocationKind;
  address: LocationAddressRecord;
  priority: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type LocationModel = Model<LocationRecord>;

const addressSchema = new Schema<LocationAddressRecord>(
  {
    line1: { type: String, required: true },
    line2: String,
    city: { type: String, required: true },
    region: String,
    postalCode: String,
    countryCode: { type: String, required: true, match: /^[A-Z]{2}$/ },
    lat: { type: Number, required: true, min: -90, max: 90 },
    lng: { type: Number, required: true, min: -180, max: 180 },
  },
  { _id: false },
);

const locationSchema = new Schema<LocationRecord>(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: LOCATION_KINDS, required: true },
    address: { type: addressSchema, required: true },
    priority: { type: Number, default: 100 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'locations' },
);
// `upsertLocation` finds by code; unique so two writers cannot create the same location twice.
locationSchema.index({ code: 1 }, { unique: true });
// `locations(activeOnly)` is ordered by priority then code.
locationSchema.index({ priority: 1, code: 1 });
locationSchema.index({ active: 1, priority: 1, code: 1 });

export function locationModel(connection: Connection): LocationModel {
  return (connection.models.Location as LocationModel | undefined) ?? connection.model<LocationRecord>('Location', locationSchema);
}
