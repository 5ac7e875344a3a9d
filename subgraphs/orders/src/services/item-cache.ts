// The catalogue entries placement needs (does the SKU exist, its name for the order line), kept in
// memory for a minute: every order asks, and asking Inventory costs a service hop. Unknown SKUs are
// never cached, so an item created a moment ago is found at once; a renamed item shows its new name
// on new orders within ITEM_TTL_MS. Inventory checks every SKU again when it reserves.
import { LRUCache } from 'lru-cache';
import type { OrderPeers, RemoteItem } from './peers';

const ITEM_TTL_MS = 60_000;
const MAX_ITEMS = 50_000;

export class ItemCache {
  private readonly items = new LRUCache<string, RemoteItem>({ max: MAX_ITEMS, ttl: ITEM_TTL_MS });

  constructor(private readonly peers: OrderPeers) {}

  /** The known items among `skus`, by SKU; asks Inventory (one request) only for SKUs not cached. */
  async find(skus: string[], actor: string): Promise<Map<string, RemoteItem>> {
    const found = new Map<string, RemoteItem>();
    const missing: string[] = [];
    for (const sku of new Set(skus)) {
      const cached = this.items.get(sku);
      if (cached) found.set(sku, cached);
      else missing.push(sku);
    }
    if (missing.length === 0) return found;
    for (const [sku, item] of await this.peers.findItems(missing, actor)) {
      found.set(sku, item);
      this.items.set(sku, item);
    }
    return found;
  }
}
