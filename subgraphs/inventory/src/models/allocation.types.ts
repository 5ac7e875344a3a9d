// What the GraphQL `Allocation` type is built from (the codegen mapper). Reserved and shipped units
// come from the holds inside the stock levels; the wanted quantities from the order's allocation request.

/** One (sku, location) an order holds stock at. */
export interface AllocationLineRecord {
  sku: string;
  locationId: string;
  reserved: number;
  shipped: number;
}

export interface UnallocatedLineRecord {
  sku: string;
  quantity: number;
}

export interface AllocationRecord {
  orderId: string;
  /** Ordered by sku, then location id. */
  lines: AllocationLineRecord[];
  /** Wanted units per sku not reserved or shipped yet (backordered), ordered by sku. */
  unallocated: UnallocatedLineRecord[];
  complete: boolean;
}
