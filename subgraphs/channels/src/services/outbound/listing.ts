// Which SKUs a connection publishes stock for. Choice: the SKUs listed explicitly in its settings
// plus every SKU seen in an order imported from it. An empty listing publishes nothing: pushing every
// hub SKU to every channel would create or overwrite products a channel does not sell.
import type { ConnectionRecord } from '../../models/connection.model';

export function listedSkus(connection: Pick<ConnectionRecord, 'skus' | 'seenSkus'>): Set<string> {
  return new Set([...(connection.skus ?? []), ...(connection.seenSkus ?? [])]);
}

