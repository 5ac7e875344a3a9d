// The contract of an allocation (routing) strategy: a pure function from the missing quantities and
// the candidate stock to picks. The service loads the candidates, executes the picks under the
// per-level locks and re-plans what a lost race left over; a strategy never touches the database.

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface CandidateLocation {
  id: string;
  code: string;
  /** Lower routes first when otherwise equal. */
  priority: number;
  lat: number;
  lng: number;
  /** Great-circle distance to the destination in km; 0 when the order has no destination. */
  distanceKm: number;
}

export interface PlanInput {
  /** Units still to reserve per SKU (each > 0), in the order's line order. */
  missing: ReadonlyMap<string, number>;
  /** Active locations holding sellable stock of at least one missing SKU. */
  locations: readonly CandidateLocation[];
  /** Sellable units (onHand - reserved - safetyStock, > 0) per location id, then per SKU. */
  sellable: ReadonlyMap<string, ReadonlyMap<string, number>>;
  destination: GeoPoint | null;
}

export interface Pick {
  sku: string;
  locationId: string;
  quantity: number;
}

export interface AllocationStrategy {
  /** Chosen per channel by name (`allocateOrder(input.strategy)`). */
  readonly name: string;
  readonly description: string;
  plan(input: PlanInput): Pick[];
}
