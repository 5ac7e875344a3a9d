// Who may do what in the inventory subgraph (role scopes come from @oms/platform auth/identity.ts).
//
//   Every authenticated role reads the catalogue: items, locations, stock levels and availability,
//   allocation strategy names.
//   Back office only (ADMIN, STAFF, SERVICE): every mutation (items, locations, stock, reservations,
//   shipments' stock commits, restocks), the stock ledger (stockMovements: actors and references),
//   an order's allocation (inventory cannot tell whose order it is) and the event log.
import { requireInternal, type Identity } from '@oms/platform';

export class InventoryAccess {
  constructor(readonly identity: Identity) {}

  /** FORBIDDEN unless the caller is back office; `action` completes "<ROLE> may not …". */
  requireInternal(action: string): void {
    requireInternal(this.identity, action);
  }
}
